package dev.vigil.agent.link;

import dev.vigil.protocol.message.ConsoleMessage;

/** What the agent does with a session's life and the console's messages. */
public interface SessionHandler {
  /** A session opened; called on the link's thread before any message is read. */
  void sessionOpened(ConsoleSession session);

  /** A message from the console; called on the link's thread, so it must not block. */
  void received(ConsoleSession session, ConsoleMessage message);

  /** The session ended, for whatever reason. */
  void sessionClosed(ConsoleSession session);
}
