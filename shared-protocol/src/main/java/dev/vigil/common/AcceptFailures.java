package dev.vigil.common;

import java.time.Duration;

/**
 * What an accept loop does when {@code accept()} fails (out of file descriptors: "Too many open
 * files"): it pauses, from 50 ms doubling to 1 s, so that it does not spin a core while nothing can
 * be accepted, and reports at most one line per 10 s with the count. The console's listener and the
 * agent's server mode both use it. Not thread-safe: one per accept loop.
 */
public final class AcceptFailures {
  /** The pause after the first failure in a row. */
  public static final Duration FIRST_PAUSE = Duration.ofMillis(50);

  /** No pause is longer than this, so the loop is accepting again soon after descriptors free. */
  public static final Duration MAX_PAUSE = Duration.ofSeconds(1);

  /** At most one log line per this interval. */
  public static final Duration REPORT_EVERY = Duration.ofSeconds(10);

  private final ReportEvery reports;
  private Duration pause = Duration.ZERO;

  public AcceptFailures() {
    this(new ReportEvery(REPORT_EVERY));
  }

  AcceptFailures(ReportEvery reports) {
    this.reports = reports;
  }

  /**
   * What to do after one failure.
   *
   * @param pause how long to wait before the next {@code accept()}
   * @param toReport how many failures to report in one line now (this one included), 0 for none
   */
  public record Next(Duration pause, long toReport) {}

  /** An {@code accept()} failed. */
  public Next failed() {
    pause = pause.isZero() ? FIRST_PAUSE : min(pause.multipliedBy(2), MAX_PAUSE);
    return new Next(pause, reports.count());
  }

  /** An {@code accept()} succeeded: the next failure pauses briefly again. */
  public void succeeded() {
    pause = Duration.ZERO;
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }
}
