package dev.vigil.common;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one way Vigil writes a duration, in options, config files and rules: a number and a unit
 * ({@code 500ms}, {@code 1.5s}, {@code 30s}, {@code 5m}, {@code 12h}, {@code 30d}); a bare number
 * is seconds, as the agent's interval options always took.
 */
public final class Durations {
  private static final Pattern SPAN =
      Pattern.compile("([0-9]{1,9}(?:\\.[0-9]{1,3})?)\\s*(ms|s|m|h|d)?");

  private Durations() {}

  /**
   * Reads a duration.
   *
   * @throws IllegalArgumentException with a sentence saying how to write one
   */
  public static Duration parse(String text) {
    Matcher m = SPAN.matcher(text == null ? "" : text.trim().toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "'"
              + text
              + "' is not a duration; write a number and a unit, for example 500ms, 30s, 5m, 12h"
              + " or 30d");
    }
    BigDecimal n = new BigDecimal(m.group(1));
    long millisPerUnit =
        switch (m.group(2) == null ? "s" : m.group(2)) {
          case "ms" -> 1;
          case "s" -> 1_000;
          case "m" -> 60_000;
          case "h" -> 3_600_000;
          default -> 86_400_000;
        };
    return Duration.ofMillis(n.multiply(BigDecimal.valueOf(millisPerUnit)).longValue());
  }

  /** A duration as {@link #parse} reads it back, in its largest whole unit: "90s", "15m", "2d". */
  public static String format(Duration d) {
    long ms = d.toMillis();
    if (ms % 86_400_000 == 0 && ms > 0) {
      return ms / 86_400_000 + "d";
    }
    if (ms % 3_600_000 == 0 && ms > 0) {
      return ms / 3_600_000 + "h";
    }
    if (ms % 60_000 == 0 && ms > 0) {
      return ms / 60_000 + "m";
    }
    if (ms % 1_000 == 0) {
      return ms / 1_000 + "s";
    }
    return ms + "ms";
  }
}
