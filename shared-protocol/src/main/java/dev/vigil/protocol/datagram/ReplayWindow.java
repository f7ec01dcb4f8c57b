package dev.vigil.protocol.datagram;

import java.util.Arrays;

/**
 * A sliding window over 64-bit counters that accepts each counter once (the IPsec/DTLS anti-replay
 * scheme): counters ahead of the highest seen slide the window, counters inside it are accepted
 * once, counters behind it are refused. Check first, authenticate, then {@link #accept}: a forged
 * datagram must never move the window. Not thread-safe.
 */
public final class ReplayWindow {
  /** How many counters behind the highest one are still accepted. */
  public static final int SIZE = 1024;

  private static final int WORDS = SIZE / 64;

  private final long[] seen = new long[WORDS];
  private long highest;

  /** Whether a counter is new: never accepted before and not too old. Changes nothing. */
  public boolean isFresh(long counter) {
    if (counter <= 0) {
      return false;
    }
    if (counter > highest) {
      return true;
    }
    if (highest - counter >= SIZE) {
      return false;
    }
    return (seen[word(counter)] & bit(counter)) == 0;
  }

  /**
   * Whether a counter was accepted and is still inside the window: a duplicate for sure. A counter
   * behind the window is neither known nor fresh; only a full record can tell.
   */
  public boolean wasAccepted(long counter) {
    return counter > 0
        && counter <= highest
        && highest - counter < SIZE
        && (seen[word(counter)] & bit(counter)) != 0;
  }

  /**
   * Records an authenticated counter.
   *
   * @return false when the counter was not fresh (and nothing changed)
   */
  public boolean accept(long counter) {
    if (!isFresh(counter)) {
      return false;
    }
    if (counter > highest) {
      long shift = counter - highest;
      if (shift >= SIZE) {
        Arrays.fill(seen, 0L);
      } else {
        for (long c = highest + 1; c < counter; c++) {
          seen[word(c)] &= ~bit(c);
        }
      }
      highest = counter;
    }
    seen[word(counter)] |= bit(counter);
    return true;
  }

  /** The highest counter accepted so far, 0 before the first. */
  public long highest() {
    return highest;
  }

  private static int word(long counter) {
    return (int) ((counter >>> 6) % WORDS);
  }

  private static long bit(long counter) {
    return 1L << (counter & 63);
  }
}
