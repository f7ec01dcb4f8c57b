package dev.vigil.common;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Counts an event that may come millions of times a second (a failing {@code accept()}, refused
 * connections) and says when to write one log line about it: the first time, then at most once per
 * interval, with how many happened since the last line. Thread-safe.
 */
public final class ReportEvery {
  private final long intervalNanos;
  private final LongSupplier nanoClock;
  private final AtomicLong unreported = new AtomicLong();
  private final AtomicLong nextReportNanos;

  public ReportEvery(Duration interval) {
    this(interval, System::nanoTime);
  }

  ReportEvery(Duration interval, LongSupplier nanoClock) {
    this.intervalNanos = interval.toNanos();
    this.nanoClock = nanoClock;
    this.nextReportNanos = new AtomicLong(nanoClock.getAsLong());
  }

  /**
   * Counts one event.
   *
   * @return how many events to report now, this one included, or 0 when the line is not due yet
   */
  public long count() {
    unreported.incrementAndGet();
    long now = nanoClock.getAsLong();
    long due = nextReportNanos.get();
    if (now - due < 0 || !nextReportNanos.compareAndSet(due, now + intervalNanos)) {
      return 0;
    }
    return unreported.getAndSet(0);
  }
}
