package dev.vigil.protocol.message;

/**
 * The levels of one of an agent's alert rules, as its inventory reports them so that a console can
 * draw them before the rule has alerted: the warning and critical triggers (either may be off), the
 * clear level under which a firing alert resolves, and how long a trigger must hold.
 *
 * @param metric what the rule watches: {@code cpu}, {@code memory}, {@code swap}, {@code
 *     processes}, or {@code disk} (one rule per file system, all with these levels)
 * @param warning the warning trigger; null when the rule has no warning level
 * @param critical the critical trigger; null when the rule has no critical level
 * @param clear a firing alert resolves once the value is below this
 * @param holdMillis how long a trigger must hold before the rule fires
 */
public record RuleLevel(
    String metric, Double warning, Double critical, double clear, long holdMillis) {
  public RuleLevel {
    Checks.name("metric", metric);
    if (warning != null) {
      Checks.rate("warning", warning);
    }
    if (critical != null) {
      Checks.rate("critical", critical);
    }
    if (warning == null && critical == null) {
      throw new IllegalArgumentException("a rule needs a warning or a critical level");
    }
    Checks.finite("clear", clear);
    Checks.notNegative("holdMillis", holdMillis);
  }
}
