package dev.vigil.common;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * A scheduled task that survives its own failures: a {@link RuntimeException} is reported and the
 * task runs again at its next turn, so one fault never stops a timer (a {@code
 * ScheduledExecutorService} silently cancels a task that throws). Reports are rate-limited: at most
 * one per interval, carrying how many failures were not reported since the last one. Thread-safe.
 */
public final class GuardedTask implements Runnable {
  /** Where a failure goes, usually the log of the part that owns the timer. */
  @FunctionalInterface
  public interface Report {
    /**
     * @param task the task's name, for example "heartbeats"
     * @param failure what it threw this time
     * @param unreported failures of this task since the previous report that were not reported
     */
    void failed(String task, RuntimeException failure, long unreported);
  }

  /** One report per task a minute at most, unless said otherwise. */
  public static final Duration REPORT_INTERVAL = Duration.ofMinutes(1);

  private final String name;
  private final Runnable task;
  private final Report report;
  private final long intervalNanos;
  private final LongSupplier nanoClock;
  private final AtomicLong lastReportNanos = new AtomicLong();
  private final AtomicLong unreported = new AtomicLong();
  private volatile boolean reportedOnce;

  /** A guard with one report a minute at most, on the system's clock. */
  public static GuardedTask of(String name, Runnable task, Report report) {
    return new GuardedTask(name, task, report, REPORT_INTERVAL, System::nanoTime);
  }

  public GuardedTask(
      String name, Runnable task, Report report, Duration interval, LongSupplier nanoClock) {
    this.name = name;
    this.task = task;
    this.report = report;
    this.intervalNanos = interval.toNanos();
    this.nanoClock = nanoClock;
  }

  @Override
  public void run() {
    try {
      task.run();
    } catch (RuntimeException e) {
      // Deliberately not rethrown: the executor would cancel every later run of the task.
      long now = nanoClock.getAsLong();
      long last = lastReportNanos.get();
      boolean due = !reportedOnce || now - last >= intervalNanos;
      if (due && lastReportNanos.compareAndSet(last, now)) {
        reportedOnce = true;
        report.failed(name, e, unreported.getAndSet(0));
      } else {
        unreported.incrementAndGet();
      }
    }
  }
}
