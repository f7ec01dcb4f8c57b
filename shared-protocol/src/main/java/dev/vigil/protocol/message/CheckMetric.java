package dev.vigil.protocol.message;

/**
 * One figure a check measured: a connect time, a certificate's days left, a plugin's performance
 * datum.
 *
 * @param name the figure's label, printable, at most 64 characters ({@code time}, {@code /var})
 * @param value its value, finite
 * @param unit its unit as the check or plugin wrote it, printable, at most 16 characters; empty
 *     when none ({@code s}, {@code ms}, {@code %}, {@code B}, {@code d})
 */
public record CheckMetric(String name, double value, String unit) {
  /** The most metrics one check carries. */
  public static final int MAX_PER_CHECK = 16;

  public CheckMetric {
    Checks.printable("name", name, 64);
    if (name.isBlank()) {
      throw new IllegalArgumentException("name must not be empty");
    }
    Checks.finite("value", value);
    Checks.printable("unit", unit, 16);
  }
}
