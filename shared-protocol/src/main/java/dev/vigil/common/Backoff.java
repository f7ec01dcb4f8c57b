package dev.vigil.common;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Exponential backoff with full jitter: the n-th wait is uniform in [0, min(cap, base * 2^n)], so a
 * fleet that lost its console together does not come back together. The agent uses it to dial the
 * console, the console to dial agents in server mode. Not thread-safe.
 */
public final class Backoff {
  private final long baseMillis;
  private final long capMillis;
  private final RandomGenerator random;
  private int attempt;

  public Backoff(Duration base, Duration cap, RandomGenerator random) {
    this.baseMillis = base.toMillis();
    this.capMillis = cap.toMillis();
    this.random = random;
  }

  /**
   * How agents dial the console again, and the console agents in server mode: from one second,
   * doubling to at most thirty. The cap bounds how long a fleet takes to notice its console is back
   * (a whole fleet is back within about one cap after a restart); the jitter spreads it over that
   * time.
   */
  public static Backoff reconnect(RandomGenerator random) {
    return new Backoff(RECONNECT_BASE, RECONNECT_CAP, random);
  }

  /** The first reconnect wait is at most this long. */
  public static final Duration RECONNECT_BASE = Duration.ofSeconds(1);

  /** No reconnect wait is longer than this. */
  public static final Duration RECONNECT_CAP = Duration.ofSeconds(30);

  /** The next wait; each call doubles the ceiling until the cap. */
  public Duration next() {
    long ceiling = Math.min(capMillis, baseMillis << Math.min(attempt, 30));
    attempt++;
    return Duration.ofMillis(ceiling <= 0 ? 0 : random.nextLong(ceiling + 1));
  }

  /** Starts over after a successful connection. */
  public void reset() {
    attempt = 0;
  }
}
