package dev.vigil.console.ui.detail;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class SampleAgeTest {
  private static final long AT =
      LocalDateTime.of(2026, 12, 1, 14, 3, 12)
          .atZone(ZoneId.systemDefault())
          .toInstant()
          .toEpochMilli();

  @Test
  void saysTheLocalTimeOfTheSampleAndItsAge() {
    assertThat(SampleAge.sentence(AT, AT + 25_400)).isEqualTo("Sampled at 14:03:12 (25 s ago)");
    assertThat(SampleAge.sentence(AT, AT + 600_000)).isEqualTo("Sampled at 14:03:12 (10 min ago)");
  }

  @Test
  void aSampleFromAFastClockIsJustNowNotANegativeAge() {
    assertThat(SampleAge.sentence(AT, AT - 5_000)).isEqualTo("Sampled at 14:03:12 (just now)");
  }
}
