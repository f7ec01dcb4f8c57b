package dev.vigil.protocol;

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
