package dev.vigil.console.manager.transport;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Bounds the TLS handshakes the console works on at once, so that a fleet reconnecting together is
 * served in turn at full speed instead of all at once too slowly to finish (decision 0009).
 *
 * <p>A connection asks for a turn only once its first TLS record has arrived: peers that connect
 * and say nothing never hold one. A connection that waits longer than {@link #wait} is turned away
 * (closed before any cryptography, so it costs nothing) and its agent dials again after its
 * backoff.
 */
final class HandshakeGate {
  /** How long a connection waits for a turn before it is turned away. */
  static final Duration DEFAULT_WAIT = Duration.ofSeconds(2);

  /** How long a turn may last: a TLS 1.3 handshake needs one round trip after the client hello. */
  static final Duration HOLD_LIMIT = Duration.ofSeconds(3);

  private final Semaphore turns;
  private final int size;
  private final Duration wait;
  private final AtomicLong turnedAway = new AtomicLong();

  HandshakeGate(int size, Duration wait) {
    if (size < 1) {
      throw new IllegalArgumentException("a handshake gate needs at least one turn");
    }
    this.turns = new Semaphore(size, true);
    this.size = size;
    this.wait = wait;
  }

  /**
   * Enough turns to keep every core busy while some handshakes wait for their peer's round trip:
   * eight per core, at least sixteen.
   */
  static HandshakeGate forProcessors(int processors) {
    return new HandshakeGate(Math.max(16, 8 * processors), DEFAULT_WAIT);
  }

  /** Waits for a turn; null when none came within the wait (the connection is turned away). */
  Turn enter() throws InterruptedException {
    if (turns.tryAcquire(wait.toMillis(), TimeUnit.MILLISECONDS)) {
      return new Turn();
    }
    turnedAway.incrementAndGet();
    return null;
  }

  int size() {
    return size;
  }

  /** Turns in use now. */
  int inUse() {
    return size - turns.availablePermits();
  }

  /** Connections turned away since the start because no turn came in time. */
  long turnedAway() {
    return turnedAway.get();
  }

  /** One handshake's turn; closing it gives the turn back, once. */
  final class Turn implements AutoCloseable {
    private final AtomicBoolean open = new AtomicBoolean(true);

    @Override
    public void close() {
      if (open.compareAndSet(true, false)) {
        turns.release();
      }
    }
  }
}
