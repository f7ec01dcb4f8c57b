package dev.vigil.console.manager.notify;

import java.util.List;

/**
 * One message to one channel: the notices grouped in one window (a wave of 200 problems is one
 * message), or a test an operator asked for. Immutable.
 *
 * @param id the store's id for it, stable across retries and restarts: channels that can pass an
 *     idempotency key (a webhook header, a mail's Message-ID) use it
 * @param channel the channel's name
 * @param notices what it tells, at least one unless {@code test}
 * @param createdMillis when it was written to the store
 * @param test whether it is a "Send test" message rather than about real problems
 * @param acknowledgeHint how to acknowledge (a headless command line, the window's menu path), or
 *     empty
 */
public record Message(
    long id,
    String channel,
    List<Notice> notices,
    long createdMillis,
    boolean test,
    String acknowledgeHint) {

  public Message {
    notices = List.copyOf(notices);
    acknowledgeHint = acknowledgeHint == null ? "" : acknowledgeHint;
  }
}
