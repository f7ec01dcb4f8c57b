package dev.vigil.console.headless;

import dev.vigil.common.PrintableText;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** How sizes, rates, shares and times read on the terminal, and the escaping of a peer's text. */
final class Formats {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());
  private static final DateTimeFormatter MINUTE =
      DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneId.systemDefault());
  private static final DateTimeFormatter TIME_AND_DATE =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.systemDefault());
  private static final double MIB = 1024.0 * 1024;
  private static final double GIB = MIB * 1024;

  private Formats() {}

  /** Bytes as GiB with one decimal, without the unit: "15.6". */
  static String gib(long bytes) {
    return String.format("%.1f", bytes / GIB);
  }

  /** A transfer rate with its unit, without "/s": "1.2 MiB", "0.4 KiB". */
  static String rate(double bytesPerSecond) {
    return bytesPerSecond >= MIB
        ? String.format("%.1f MiB", bytesPerSecond / MIB)
        : String.format("%.1f KiB", bytesPerSecond / 1024);
  }

  /** A share with one decimal, without the sign: "12.5". */
  static String percent(double value) {
    return String.format("%.1f", value);
  }

  /** A share rounded to a whole number, without the sign: "13". */
  static String wholePercent(double value) {
    return String.format("%.0f", value);
  }

  /** A time of day to the second: "14:03:59". */
  static String time(long epochMillis) {
    return TIME.format(Instant.ofEpochMilli(epochMillis));
  }

  /** When an agent was last heard from: a time of day, or "never" (0: not since it was known). */
  static String lastSeen(long epochMillis) {
    return epochMillis <= 0 ? "never" : time(epochMillis);
  }

  /** A time of day to the minute: "14:03". */
  static String minute(long epochMillis) {
    return MINUTE.format(Instant.ofEpochMilli(epochMillis));
  }

  /** A date and time to the minute: "2026-12-01 14:03". */
  static String dateTime(Instant instant) {
    return TIME_AND_DATE.format(instant);
  }

  /** A duration the way ISO writes it, without its prefix: "3h12m5s". */
  static String uptime(long seconds) {
    return Duration.ofSeconds(seconds).toString().substring(2).toLowerCase(Locale.ROOT);
  }

  /**
   * A peer's text made safe for a terminal: control characters, line and paragraph separators and
   * bidirectional controls become a backslash, 'u' and four hex digits (ESC as u001b), so that a
   * host name can neither move the cursor, recolour the screen, fake a line nor turn text around.
   * The escapes are also valid inside a JSON string, so a JSON line keeps its meaning.
   */
  static String escape(String text) {
    return PrintableText.escape(text);
  }
}
