package dev.vigil.console.ui.detail;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** The sentence that says when an agent took a sample, in local time and as an age. */
final class SampleAge {
  private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");

  private SampleAge() {}

  /**
   * "Sampled at 14:03:12 (25 s ago)", or with minutes past two minutes; a sample stamped ahead of
   * the console's clock (an agent whose clock runs fast) reads "just now".
   */
  static String sentence(long sampledAtMillis, long nowMillis) {
    String at = CLOCK.format(Instant.ofEpochMilli(sampledAtMillis).atZone(ZoneId.systemDefault()));
    long seconds = (nowMillis - sampledAtMillis) / 1000;
    String age;
    if (seconds <= 0) {
      age = "just now";
    } else if (seconds < 120) {
      age = seconds + " s ago";
    } else {
      age = seconds / 60 + " min ago";
    }
    return "Sampled at " + at + " (" + age + ")";
  }
}
