package dev.vigil.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class AcceptFailuresTest {
  private long now;

  @Test
  void pausesDoubleFromFiftyMillisecondsToOneSecondAndStartOverAfterASuccess() {
    AcceptFailures failures =
        new AcceptFailures(new ReportEvery(Duration.ofSeconds(10), () -> now));
    assertThat(failures.failed().pause()).isEqualTo(Duration.ofMillis(50));
    assertThat(failures.failed().pause()).isEqualTo(Duration.ofMillis(100));
    assertThat(failures.failed().pause()).isEqualTo(Duration.ofMillis(200));
    assertThat(failures.failed().pause()).isEqualTo(Duration.ofMillis(400));
    assertThat(failures.failed().pause()).isEqualTo(Duration.ofMillis(800));
    assertThat(failures.failed().pause()).isEqualTo(Duration.ofSeconds(1));
    assertThat(failures.failed().pause()).isEqualTo(Duration.ofSeconds(1));
    failures.succeeded();
    assertThat(failures.failed().pause()).isEqualTo(Duration.ofMillis(50));
  }

  @Test
  void twoMillionFailuresInTwentySecondsAreTwoLinesWithTheirCounts() {
    ReportEvery reports = new ReportEvery(Duration.ofSeconds(10), () -> now);
    long lines = 0;
    long reported = 0;
    for (int i = 0; i < 2_000_000; i++) {
      now = i * 10_000L; // 10 µs apart, over 20 s
      long n = reports.count();
      if (n > 0) {
        lines++;
        reported += n;
      }
    }
    now = Duration.ofSeconds(30).toNanos();
    reported += reports.count();
    assertThat(lines).isEqualTo(2); // at 0 s and at 10 s
    assertThat(reported).isEqualTo(2_000_001);
  }
}
