package dev.vigil.protocol.session;

import dev.vigil.protocol.message.ConsoleMessage;

/** What an agent does with a session's life and the console's messages. */
public interface SessionHandler {
  /** A session opened; called on the client's thread before any message is read. */
  void sessionOpened(ConsoleSession session);

  /** A message from the console; called on the client's thread, so it must not block. */
  void received(ConsoleSession session, ConsoleMessage message);

  /** The session ended, for whatever reason. */
  void sessionClosed(ConsoleSession session);
}
