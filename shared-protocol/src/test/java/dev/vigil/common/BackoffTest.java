package dev.vigil.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BackoffTest {

  @Test
  void waitsStayUnderADoublingCeilingAndTheCap() {
    Backoff b = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(60), new SplittableRandom(7));
    long[] ceilings = {1000, 2000, 4000, 8000, 16000, 32000, 60000, 60000, 60000};
    for (long ceiling : ceilings) {
      assertThat(b.next().toMillis()).isBetween(0L, ceiling);
    }
  }

  @Test
  void jitterSpreadsAFleetOverTheWholeInterval() {
    long below = 0;
    long above = 0;
    for (int agent = 0; agent < 1000; agent++) {
      Backoff b =
          new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(60), new SplittableRandom(agent));
      for (int i = 0; i < 6; i++) {
        b.next();
      }
      long wait = b.next().toMillis(); // ceiling 60 s
      if (wait < 30_000) {
        below++;
      } else {
        above++;
      }
    }
    assertThat(below).isBetween(400L, 600L);
    assertThat(above).isBetween(400L, 600L);
  }

  @Test
  void resetStartsOverFromTheBase() {
    Backoff b = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(60), new SplittableRandom(1));
    for (int i = 0; i < 10; i++) {
      b.next();
    }
    b.reset();
    assertThat(b.next().toMillis()).isLessThanOrEqualTo(1000);
  }
}
