package dev.vigil.agent.alert;

import dev.vigil.protocol.message.AlertState;
import dev.vigil.protocol.message.Severity;

/**
 * The sentence an operator reads for a rule's event: "CPU at 95% for 30 s (critical at 90%)", "CPU
 * back to 40% (below 80%)". Stateless.
 */
public final class AlertText {
  private AlertText() {}

  /**
   * The sentence for {@code event}.
   *
   * @param what the measured thing as the operator names it: "CPU", "Disk /var"
   * @param unit appended to every number: "%", "% full", or nothing
   */
  public static String of(ThresholdRule.Event event, String what, String unit) {
    return event.state() == AlertState.FIRING
        ? String.format(
            "%s at %s%s for %d s (%s at %s%s)",
            what,
            number(event.value()),
            unit,
            event.heldMillis() / 1000,
            event.severity() == Severity.CRITICAL ? "critical" : "warning",
            number(event.threshold()),
            unit)
        : String.format(
            "%s back to %s%s (below %s%s)",
            what, number(event.value()), unit, number(event.threshold()), unit);
  }

  /** Whole numbers as such, small ones with one decimal: "95", "0.5". */
  private static String number(double v) {
    return Math.abs(v) >= 10 || v == Math.rint(v)
        ? String.format("%.0f", v)
        : String.format("%.1f", v);
  }
}
