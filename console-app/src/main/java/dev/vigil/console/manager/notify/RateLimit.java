package dev.vigil.console.manager.notify;

import dev.vigil.common.Durations;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * At most {@code messages} messages per {@code per} to one channel: a sliding window of the times
 * of the messages it allowed. What is over the limit waits and goes in the next message; nothing is
 * dropped. Not thread-safe: the notifier's one thread uses it.
 *
 * @param messages how many
 * @param per in what span
 */
public record RateLimit(int messages, Duration per) {

  /** No limit. */
  public static final RateLimit NONE = new RateLimit(Integer.MAX_VALUE, Duration.ofHours(1));

  /**
   * Reads {@code 20/h}, {@code 5/10m} or {@code off}.
   *
   * @throws IllegalArgumentException with a sentence saying how to write one
   */
  public static RateLimit parse(String text) {
    if (text.equals("off")) {
      return NONE;
    }
    int slash = text.indexOf('/');
    try {
      if (slash > 0) {
        int n = Integer.parseInt(text.substring(0, slash).strip());
        String span = text.substring(slash + 1).strip();
        Duration per = Durations.parse(Character.isDigit(span.charAt(0)) ? span : "1" + span);
        if (n >= 1 && !per.isZero()) {
          return new RateLimit(n, per);
        }
      }
    } catch (RuntimeException e) {
      // the sentence below says how to write it
    }
    throw new IllegalArgumentException(
        "'" + text + "' is not a rate limit: write messages/span, such as 20/h or 5/10m, or off");
  }

  /** The sliding window of one channel. */
  static final class Window {
    private final RateLimit limit;
    private final Deque<Long> sent = new ArrayDeque<>();

    Window(RateLimit limit) {
      this.limit = limit;
    }

    /** Whether a message may go now; if so, it is counted. */
    boolean take(long nowMillis) {
      while (!sent.isEmpty() && sent.peekFirst() <= nowMillis - limit.per().toMillis()) {
        sent.removeFirst();
      }
      if (sent.size() >= limit.messages()) {
        return false;
      }
      sent.addLast(nowMillis);
      return true;
    }
  }
}
