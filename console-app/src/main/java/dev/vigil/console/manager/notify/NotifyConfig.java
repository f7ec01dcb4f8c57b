package dev.vigil.console.manager.notify;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The notifier's settings: its channels (as written, built by {@link ChannelTypes}), its routes,
 * and its noise controls. Immutable.
 *
 * @param channels each channel's settings by name, in the order written
 * @param routes the routes, in the order written
 * @param groupWindow how long notices gather before they go as one message per channel
 * @param rateLimit how many messages one channel gets at most
 * @param reminderEvery how often a problem still firing and unacknowledged is told again, or null
 *     for never
 * @param failingAfter how long a channel may fail before the console raises a problem of its own
 * @param source where it was read, for the log ({@code /etc/vigil/notifications.conf}, {@code
 *     --webhook})
 */
public record NotifyConfig(
    Map<String, ChannelSettings> channels,
    List<Route> routes,
    Duration groupWindow,
    RateLimit rateLimit,
    Duration reminderEvery,
    Duration failingAfter,
    String source) {

  /** Notices gather this long unless configured otherwise. */
  public static final Duration DEFAULT_GROUP_WINDOW = Duration.ofSeconds(30);

  /** One channel gets at most this many messages unless configured otherwise. */
  public static final RateLimit DEFAULT_RATE_LIMIT = new RateLimit(20, Duration.ofHours(1));

  /** Reminders come this often unless configured otherwise. */
  public static final Duration DEFAULT_REMINDER_EVERY = Duration.ofHours(4);

  /** A channel may fail this long before it is a problem of the console's own. */
  public static final Duration DEFAULT_FAILING_AFTER = Duration.ofMinutes(3);

  /** No channel: the notifier does nothing. */
  public static final NotifyConfig NONE =
      new NotifyConfig(
          Map.of(),
          List.of(),
          DEFAULT_GROUP_WINDOW,
          DEFAULT_RATE_LIMIT,
          DEFAULT_REMINDER_EVERY,
          DEFAULT_FAILING_AFTER,
          "none");

  public NotifyConfig {
    channels = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(channels));
    routes = List.copyOf(routes);
  }

  /** The same settings with another group window, failure delay and rate limit (tests). */
  public NotifyConfig timing(Duration window, Duration failing, RateLimit limit) {
    return new NotifyConfig(channels, routes, window, limit, reminderEvery, failing, source);
  }

  /** The same settings with another reminder period, or null for none (tests). */
  public NotifyConfig reminders(Duration every) {
    return new NotifyConfig(channels, routes, groupWindow, rateLimit, every, failingAfter, source);
  }
}
