package dev.vigil.agent.alert;

import dev.vigil.common.Durations;
import dev.vigil.protocol.message.RuleLevel;
import java.time.Duration;
import java.util.Locale;

/**
 * A rule's lines: warning and critical triggers (either may be off), the clear level under which a
 * firing alert resolves, and how long a trigger must hold. Written in config as, for example,
 * {@code warning 80, critical 90, clear 70, for 30s}, or {@code off}.
 *
 * @param warning the warning trigger, or NaN when off
 * @param critical the critical trigger, or NaN when off
 * @param clear resolves below this
 * @param hold how long a trigger must hold before it fires
 */
public record RuleLevels(double warning, double critical, double clear, Duration hold) {
  /** A rule that never fires. */
  public static final RuleLevels OFF = new RuleLevels(Double.NaN, Double.NaN, 0, Duration.ZERO);

  public RuleLevels {
    double lowest =
        Math.min(
            enabled(warning) ? warning : Double.MAX_VALUE,
            enabled(critical) ? critical : Double.MAX_VALUE);
    if (enabled(warning) && enabled(critical) && warning > critical) {
      throw new IllegalArgumentException(
          "warning (" + fmt(warning) + ") must not be above critical (" + fmt(critical) + ")");
    }
    if (lowest != Double.MAX_VALUE && clear > lowest) {
      throw new IllegalArgumentException(
          "clear ("
              + fmt(clear)
              + ") must be at or below the lowest trigger ("
              + fmt(lowest)
              + ")");
    }
    if (hold.isNegative()) {
      throw new IllegalArgumentException("'for' must not be negative");
    }
  }

  private static boolean enabled(double v) {
    return !Double.isNaN(v);
  }

  public boolean warningEnabled() {
    return !Double.isNaN(warning);
  }

  public boolean criticalEnabled() {
    return !Double.isNaN(critical);
  }

  /**
   * Parses {@code warning W, critical C, clear K, for Ns} (any order, each optional but one
   * trigger) or {@code off}.
   *
   * @param defaultClear used when no clear level is given: a tenth below the lowest trigger
   * @throws IllegalArgumentException with a sentence saying what is wrong
   */
  public static RuleLevels parse(String text) {
    String spec = text.trim().toLowerCase(Locale.ROOT);
    if (spec.equals("off") || spec.equals("none")) {
      return OFF;
    }
    double warning = Double.NaN;
    double critical = Double.NaN;
    Double clear = null;
    Duration hold = Duration.ZERO;
    for (String part : spec.split(",")) {
      String[] words = part.trim().split("\\s+");
      if (words.length != 2) {
        throw new IllegalArgumentException(
            "expected 'warning N, critical N, clear N, for Ns' or 'off', got '"
                + part.trim()
                + "'");
      }
      switch (words[0]) {
        case "warning" -> warning = number(words[1], "warning");
        case "critical" -> critical = number(words[1], "critical");
        case "clear" -> clear = number(words[1], "clear");
        case "for" -> hold = duration(words[1]);
        default ->
            throw new IllegalArgumentException(
                "unknown part '" + words[0] + "'; use warning, critical, clear and for");
      }
    }
    if (Double.isNaN(warning) && Double.isNaN(critical)) {
      throw new IllegalArgumentException("give a warning or a critical level, or 'off'");
    }
    double lowest =
        Double.isNaN(warning)
            ? critical
            : Double.isNaN(critical) ? warning : Math.min(warning, critical);
    return new RuleLevels(warning, critical, clear != null ? clear : lowest * 0.9, hold);
  }

  private static double number(String text, String what) {
    try {
      double v =
          Double.parseDouble(text.endsWith("%") ? text.substring(0, text.length() - 1) : text);
      if (!Double.isFinite(v) || v < 0) {
        throw new NumberFormatException();
      }
      return v;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          what + " must be a number of at least 0, got '" + text + "'");
    }
  }

  private static Duration duration(String text) {
    try {
      Duration d = Durations.parse(text);
      if (d.compareTo(Duration.ofDays(1)) > 0) {
        throw new IllegalArgumentException("over a day");
      }
      return d;
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "'for' must be a duration like 30s or 2m, up to a day, got '" + text + "'", e);
    }
  }

  /** These levels as an inventory reports them for {@code metric}; empty when the rule is off. */
  public java.util.Optional<RuleLevel> toWire(String metric) {
    if (!warningEnabled() && !criticalEnabled()) {
      return java.util.Optional.empty();
    }
    return java.util.Optional.of(
        new RuleLevel(
            metric,
            warningEnabled() ? warning : null,
            criticalEnabled() ? critical : null,
            clear,
            hold.toMillis()));
  }

  /** The text form, as in config. */
  @Override
  public String toString() {
    if (!warningEnabled() && !criticalEnabled()) {
      return "off";
    }
    StringBuilder b = new StringBuilder();
    if (warningEnabled()) {
      b.append("warning ").append(fmt(warning)).append(", ");
    }
    if (criticalEnabled()) {
      b.append("critical ").append(fmt(critical)).append(", ");
    }
    return b.append("clear ")
        .append(fmt(clear))
        .append(", for ")
        .append(hold.toSeconds())
        .append('s')
        .toString();
  }

  private static String fmt(double v) {
    return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
  }
}
