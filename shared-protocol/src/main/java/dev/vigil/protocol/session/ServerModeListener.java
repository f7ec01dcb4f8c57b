package dev.vigil.protocol.session;

import dev.vigil.common.AcceptFailures;
import dev.vigil.protocol.tls.TlsContexts;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * The agent's listener in server mode: accepts on one thread and shakes hands with each connection
 * on a virtual thread of its own, a few at a time (a gate) and each within an overall deadline, so
 * that a peer trickling bytes cannot keep the console out; {@code accept()} failures pause and are
 * reported at a bounded rate ({@link AcceptFailures}). A connection that completes the TLS
 * handshake (which checks the console's pinned key) is handed on as a session. Thread-safe.
 */
final class ServerModeListener {
  /** The TLS handshake must be over this long after the TCP connection, however slow the peer. */
  static final Duration HANDSHAKE_DEADLINE = Duration.ofSeconds(10);

  /** At most this many handshakes at once; only one console is ever expected to dial in. */
  static final int HANDSHAKES_AT_ONCE = 4;

  /** How long a connection waits for a handshake turn before it is closed. */
  static final Duration TURN_WAIT = Duration.ofSeconds(2);

  /** Runs a session on a connection whose handshake succeeded, until it ends. */
  interface Sessions {
    void run(Socket authenticated) throws IOException;
  }

  private final ServerSocket listener;
  private final SSLContext tls;
  private final SessionEvents events;
  private final BooleanSupplier running;
  private final Sessions sessions;
  private final Semaphore turns = new Semaphore(HANDSHAKES_AT_ONCE);
  private final Set<Socket> handshaking = ConcurrentHashMap.newKeySet();
  private final AtomicLong acceptAttempts = new AtomicLong();
  private final AtomicLong turnedAway = new AtomicLong();

  ServerModeListener(
      ServerSocket listener,
      SSLContext tls,
      SessionEvents events,
      BooleanSupplier running,
      Sessions sessions) {
    this.listener = listener;
    this.tls = tls;
    this.events = events;
    this.running = running;
    this.sessions = sessions;
  }

  /** Accepts until the listener closes; runs on the caller's thread. */
  void acceptLoop() {
    events.listening(listener.getLocalSocketAddress());
    AcceptFailures failures = new AcceptFailures();
    while (running.getAsBoolean()) {
      Socket raw;
      try {
        acceptAttempts.incrementAndGet();
        raw = listener.accept();
        failures.succeeded();
      } catch (IOException e) {
        if (!running.getAsBoolean() || listener.isClosed()) {
          return;
        }
        AcceptFailures.Next next = failures.failed();
        if (next.toReport() > 0) {
          events.acceptFailed(e, next.toReport());
        }
        if (!pause(next.pause())) {
          return;
        }
        continue;
      }
      handshaking.add(raw);
      Thread.ofVirtual().name("vigil-console-handshake").start(() -> handshake(raw));
    }
  }

  private static boolean pause(Duration wait) {
    try {
      Thread.sleep(wait);
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** One connection: a turn of the gate, the handshake within the deadline, then its session. */
  private void handshake(Socket raw) {
    SocketAddress peer = raw.getRemoteSocketAddress();
    Socket authenticated;
    try {
      authenticated = secure(raw);
    } catch (IOException e) {
      close(raw);
      if (running.getAsBoolean()) {
        events.failed(e, peer);
      }
      return;
    } catch (InterruptedException e) {
      close(raw);
      return;
    } finally {
      handshaking.remove(raw);
    }
    if (authenticated == null) {
      return;
    }
    try {
      sessions.run(authenticated);
    } catch (IOException e) {
      if (running.getAsBoolean()) {
        events.failed(e, peer);
      }
    } finally {
      close(authenticated);
    }
  }

  /** The connection after its handshake, or null when no turn came in time (it is closed). */
  private Socket secure(Socket raw) throws IOException, InterruptedException {
    if (!turns.tryAcquire(TURN_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
      turnedAway.incrementAndGet();
      close(raw);
      return null;
    }
    // One flag decides who wins: the deadline closing the socket or the handshake finishing.
    AtomicBoolean decided = new AtomicBoolean();
    CompletableFuture.delayedExecutor(HANDSHAKE_DEADLINE.toMillis(), TimeUnit.MILLISECONDS)
        .execute(
            () -> {
              if (decided.compareAndSet(false, true)) {
                close(raw);
              }
            });
    try {
      raw.setTcpNoDelay(true);
      raw.setSoTimeout((int) HANDSHAKE_DEADLINE.toMillis());
      Socket s = raw;
      if (tls != null) {
        SSLSocket ssl =
            (SSLSocket)
                tls.getSocketFactory()
                    .createSocket(raw, raw.getInetAddress().getHostAddress(), raw.getPort(), true);
        ssl.setUseClientMode(false);
        TlsContexts.configure(ssl);
        ssl.startHandshake();
        s = ssl;
      }
      if (!decided.compareAndSet(false, true)) {
        throw new SocketTimeoutException(
            "the TLS handshake did not finish within " + HANDSHAKE_DEADLINE.toSeconds() + " s");
      }
      return s;
    } catch (IOException e) {
      if (decided.getAndSet(true)) {
        SocketTimeoutException late =
            new SocketTimeoutException(
                "the TLS handshake did not finish within " + HANDSHAKE_DEADLINE.toSeconds() + " s");
        late.initCause(e);
        throw late;
      }
      throw e;
    } finally {
      turns.release();
    }
  }

  /** Closes every connection still shaking hands (the client is closing). */
  void closeHandshakes() {
    handshaking.forEach(ServerModeListener::close);
  }

  /** How many times {@code accept()} was called, for tests of the pause after failures. */
  long acceptAttempts() {
    return acceptAttempts.get();
  }

  /** Connections closed because no handshake turn came in time. */
  long turnedAway() {
    return turnedAway.get();
  }

  private static void close(Socket socket) {
    try {
      socket.close();
    } catch (IOException e) {
      // a socket that will not close is gone for this listener either way
    }
  }
}
