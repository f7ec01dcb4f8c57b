package dev.vigil.console.manager.notify;

import dev.vigil.console.manager.store.ConsoleStore;
import dev.vigil.console.manager.store.NotificationTable;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

/**
 * One channel's delivery thread: sends the channel's oldest undelivered message from the store,
 * marks it delivered the moment the channel accepted it, and on failure tries again with
 * exponential backoff. Messages go out in the order they were written. Thread-safe.
 */
final class Delivery {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Delivery.class);

  /**
   * How long to wait after failures.
   *
   * @param first after the first failure
   * @param longest at most, and after a permanent refusal
   */
  record Backoff(Duration first, Duration longest) {
    /** 5 s, doubling to 10 minutes. */
    static final Backoff DEFAULT = new Backoff(Duration.ofSeconds(5), Duration.ofMinutes(10));

    long after(int failures, boolean permanent) {
      if (permanent) {
        return longest.toMillis();
      }
      long wait = first.toMillis() << Math.min(30, Math.max(0, failures - 1));
      return Math.min(wait, longest.toMillis());
    }
  }

  /** A test message not sent within this long is dropped, not sent. */
  static final Duration STALE_TEST = Duration.ofMinutes(1);

  /** How long a clean stop waits for the deliveries under way. */
  static final Duration STOP_GRACE = Duration.ofSeconds(5);

  private final Channel channel;
  private final NotificationTable table;
  private final Backoff backoff;
  private final LongSupplier clock;
  private final String acknowledgeHint;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition work = lock.newCondition();
  private boolean signalled;
  private volatile boolean stopped;
  private volatile long failingSince;
  private volatile String lastError = "";
  private volatile long lastDelivered;
  private volatile boolean sending;
  private final Thread thread;
  private final java.util.Map<Long, java.util.concurrent.CompletableFuture<String>> tests =
      new java.util.concurrent.ConcurrentHashMap<>();

  Delivery(
      Channel channel,
      NotificationTable table,
      Backoff backoff,
      LongSupplier clock,
      String acknowledgeHint) {
    this.channel = channel;
    this.table = table;
    this.backoff = backoff;
    this.clock = clock;
    this.acknowledgeHint = acknowledgeHint;
    this.thread =
        Thread.ofPlatform().daemon().name("vigil-notify-" + channel.name()).unstarted(this::run);
  }

  void start() {
    thread.start();
  }

  Channel channel() {
    return channel;
  }

  /** Since when its deliveries fail, or 0 while they work. */
  long failingSince() {
    return failingSince;
  }

  /** The newest failure's sentence, or empty. */
  String lastError() {
    return lastError;
  }

  /** When it last delivered, this run, or 0. */
  long lastDelivered() {
    return lastDelivered;
  }

  /**
   * Completes with null once message {@code id} (a test) is delivered, or with the failure's
   * sentence after its first failed attempt.
   */
  java.util.concurrent.CompletableFuture<String> outcome(long id) {
    return tests.computeIfAbsent(id, k -> new java.util.concurrent.CompletableFuture<>());
  }

  /** Whether an attempt is under way. */
  boolean sending() {
    return sending;
  }

  /** There may be a message to send. */
  void wake() {
    lock.lock();
    try {
      signalled = true;
      work.signalAll();
    } finally {
      lock.unlock();
    }
  }

  private void run() {
    while (!stopped) {
      Optional<NotificationTable.StoredMessage> next;
      try {
        next = table.oldestUndelivered(channel.name());
      } catch (ConsoleStore.StoreException e) {
        if (!stopped) {
          LOG.warn("Notifications to '{}': {}", channel.name(), e.getMessage());
          await(backoff.first().toMillis());
        }
        continue;
      }
      if (next.isEmpty()) {
        await(Long.MAX_VALUE);
        continue;
      }
      NotificationTable.StoredMessage m = next.get();
      long wait = m.nextAttemptMillis() - clock.getAsLong();
      if (wait > 0) {
        await(wait);
        continue;
      }
      try {
        send(m);
      } catch (ConsoleStore.StoreException e) {
        if (!stopped) {
          LOG.warn("Notifications to '{}': {}", channel.name(), e.getMessage());
          await(backoff.first().toMillis());
        }
      }
    }
  }

  private void send(NotificationTable.StoredMessage stored) {
    if (stored.test() && clock.getAsLong() - stored.createdMillis() > STALE_TEST.toMillis()) {
      // Left from before a stop: nobody is waiting for its answer any more.
      LOG.info("Test notification {} to '{}' is dropped: it is stale", stored.id(), channel.name());
      table.discardTest(stored.id());
      return;
    }
    List<Notice> notices = NoticeCodec.read(stored.body());
    Message m =
        new Message(
            stored.id(),
            stored.channel(),
            notices,
            stored.createdMillis(),
            stored.test(),
            acknowledgeHint);
    try {
      sending = true;
      channel.deliver(m);
    } catch (DeliveryException e) {
      if (stopped) {
        return; // the attempt was cut short by the stop: it is not a failure of the channel
      }
      if (stored.test()) {
        // A test answers the operator now; sent again hours later it would only confuse.
        LOG.warn(
            "Test notification {} to '{}' not delivered: {}",
            stored.id(),
            channel.name(),
            e.getMessage());
        table.discardTest(stored.id());
        completeTest(stored.id(), e.getMessage());
        return;
      }
      int failures = stored.attempts() + 1;
      long now = clock.getAsLong();
      long retryIn = backoff.after(failures, e.permanent());
      if (failingSince == 0) {
        failingSince = now;
      }
      lastError = e.getMessage();
      LOG.warn(
          "Notification {} to '{}' not delivered (attempt {}): {}; next try in {} s",
          stored.id(),
          channel.name(),
          failures,
          e.getMessage(),
          retryIn / 1000);
      table.failed(stored.id(), failures, now + retryIn, e.getMessage());
      return;
    } finally {
      sending = false;
    }
    // The one window of at-least-once: the far end accepted it and this write has not happened.
    table.delivered(stored.id(), clock.getAsLong());
    lastDelivered = clock.getAsLong();
    failingSince = 0;
    lastError = "";
    completeTest(stored.id(), null);
    LOG.debug("Notification {} delivered to '{}'", stored.id(), channel.name());
  }

  private void completeTest(long id, String failure) {
    java.util.concurrent.CompletableFuture<String> test = tests.remove(id);
    if (test != null) {
      test.complete(failure);
    }
  }

  private void await(long millis) {
    lock.lock();
    try {
      long nanos =
          millis == Long.MAX_VALUE ? Long.MAX_VALUE : TimeUnit.MILLISECONDS.toNanos(millis);
      while (!signalled && !stopped && nanos > 0) {
        nanos = work.awaitNanos(nanos);
      }
      signalled = false;
    } catch (InterruptedException e) {
      stopped = true;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Asks the thread to stop after the attempt under way, if any: a message the far end is taking at
   * a clean stop is finished and marked, so a clean restart never sends it again.
   */
  void stop() {
    stopped = true;
    wake();
  }

  /**
   * Waits until {@code deadlineNanos} (of {@link System#nanoTime}) for the thread to stop, then
   * cuts short an attempt still under way, and closes the channel. Call after {@link #stop}.
   */
  void awaitStopped(long deadlineNanos) {
    try {
      long left = deadlineNanos - System.nanoTime();
      if (left > 0) {
        thread.join(Duration.ofNanos(left));
      }
      if (thread.isAlive()) {
        LOG.warn(
            "Notifications to '{}': a delivery was still under way at the stop and was cut short;"
                + " it is sent again at the next start",
            channel.name());
        thread.interrupt();
        thread.join(Duration.ofSeconds(5));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    channel.close();
  }
}
