package dev.vigil.protocol.session;

import dev.vigil.protocol.message.ConsoleMessage;

/** What an agent does with a session's life and the console's messages. */
public interface SessionHandler {
  /** A session opened; called on the client's thread before any message is read. */
  void sessionOpened(ConsoleSession session);

  /** A message from the console; called on the client's thread, so it must not block. */
  void received(ConsoleSession session, ConsoleMessage message);

  /**
   * A frame from the console could not be read as a message (malformed, unknown type, a field out
   * of range) or was not one a console may send; the session closes after this. For the agent's
   * audit; must not block.
   */
  default void malformed(ConsoleSession session, String reason) {}

  /** The session ended, for whatever reason. */
  void sessionClosed(ConsoleSession session);
}
