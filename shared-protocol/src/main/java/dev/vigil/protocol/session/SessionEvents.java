package dev.vigil.protocol.session;

import dev.vigil.protocol.message.ErrorMessage;
import dev.vigil.protocol.message.Pending;
import dev.vigil.protocol.tls.Fingerprint;
import java.io.IOException;
import java.net.SocketAddress;
import java.time.Duration;

/**
 * What happens to a {@link SessionClient}'s connections, for the agent's log and the swarm's
 * counters; every method does nothing unless overridden. Called on the client's thread; in server
 * mode also on the threads that shake hands with each connection, so an implementation must be
 * thread-safe.
 */
public interface SessionEvents {
  /** Client mode: the first dial waits this long, so that a fleet restarted together spreads. */
  default void waitingToDial(Duration delay) {}

  /** Client mode: a dial starts. */
  default void dialing() {}

  /**
   * Client mode: the TLS handshake accepted this console key, before hello is sent. Throwing here
   * refuses the connection.
   */
  default void consoleKeyAccepted(Fingerprint key) {}

  /** Server mode: the client waits for the console to dial in on this address. */
  default void listening(SocketAddress local) {}

  /**
   * Server mode: accepting connections failed (out of file descriptors, say); the client pauses and
   * goes on accepting. Called at most once per 10 s however often it fails.
   *
   * @param e the latest failure
   * @param failures how many failures since the last call, this one included
   */
  default void acceptFailed(IOException e, long failures) {}

  /** The console holds this agent as pending; sent again as long as it does. */
  default void pending(Pending pending) {}

  /** The wait for approval ended, welcomed or not; only after {@link #pending}. */
  default void pendingEnded() {}

  /** A session opened, just before {@link SessionHandler#sessionOpened}. */
  default void connected(ConsoleSession session) {}

  /** The console reported an error in an open session; the session goes on. */
  default void consoleError(ErrorMessage error) {}

  /**
   * A dial, a handshake or a session failed (not called when the client was closed).
   *
   * @param peer the console's address, or null when no connection was made
   */
  default void failed(IOException e, SocketAddress peer) {}

  /** Client mode: the next dial waits this long (backoff with full jitter). */
  default void reconnecting(Duration wait) {}
}
