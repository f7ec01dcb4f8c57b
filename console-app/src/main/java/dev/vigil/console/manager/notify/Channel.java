package dev.vigil.console.manager.notify;

import java.time.Duration;
import java.util.Optional;

/**
 * A place notifications go (an inbox, a webhook receiver, an Alertmanager cluster), as the operator
 * named it in the notifications config.
 *
 * <p>The notifier calls {@link #deliver} from its own delivery threads, one message at a time per
 * channel, after the message is in the store. A channel does no retries and keeps no queue of its
 * own: the notifier retries with backoff and marks the message delivered only when {@code deliver}
 * returns.
 */
public interface Channel {

  /**
   * The operator's name for it ({@code ops-mail}); used in routes, logs, the audit and problems.
   */
  String name();

  /** Its kind, as the config names it: {@code email}, {@code webhook} or {@code alertmanager}. */
  String type();

  /** Where it sends, for the window and the log, with every secret masked. */
  String describe();

  /**
   * Sends one message and returns once the far end accepted it (an SMTP server's 250, an HTTP 2xx).
   *
   * @throws DeliveryException with a sentence an operator can act on, when it was not accepted
   */
  void deliver(Message message) throws DeliveryException;

  /**
   * How often the far end wants every firing problem told again while it fires, if it does:
   * Alertmanager forgets an alert that is not re-sent. The notifier then delivers a message of
   * {@link Notice.Transition#STILL_FIRING} notices for every firing problem routed here at that
   * period, outside the rate limit and without reminders' quiet rules. Empty for the others.
   */
  default Optional<Duration> resendWhileFiring() {
    return Optional.empty();
  }

  /** Releases what it holds (connections, an HTTP client); it is not used afterwards. */
  default void close() {}
}
