package dev.vigil.protocol.message;

import java.util.List;

/**
 * A service check's latest run as the agent reports it: the check's own verdict, whether it has
 * been failing long enough to be a problem, what it said and measured.
 *
 * @param name the check's name as configured ({@code web}); its problems carry the rule {@code
 *     check.NAME}
 * @param type what kind of check it is: {@code http}, {@code tcp}, {@code cert}, {@code process},
 *     {@code systemd} or {@code plugin}
 * @param status the last run's verdict
 * @param failing whether it is a problem now: it failed its configured number of runs in a row and
 *     has not passed as many since
 * @param message the last run's sentence (a plugin's first line), printable, at most 512 characters
 * @param lastRunMillis when the last run started, ms since the epoch; 0 before the first run
 * @param durationMillis how long the last run took
 * @param metrics what the last run measured, at most {@link CheckMetric#MAX_PER_CHECK}
 * @param unit for a {@code systemd} check, the unit it watches in canonical form ({@code
 *     nginx.service}), so that a console can offer restart-service for it; optional, null for other
 *     types and agents from before the field
 */
public record CheckResult(
    String name,
    String type,
    CheckStatus status,
    boolean failing,
    String message,
    long lastRunMillis,
    long durationMillis,
    List<CheckMetric> metrics,
    String unit) {
  /** The most characters of a check's message the protocol carries. */
  public static final int MAX_MESSAGE = 512;

  /** The most checks one report carries. */
  public static final int MAX_CHECKS = 64;

  public CheckResult {
    Checks.name("name", name);
    Checks.name("type", type);
    Checks.present("status", status);
    Checks.printable("message", message, MAX_MESSAGE);
    Checks.notNegative("lastRunMillis", lastRunMillis);
    Checks.notNegative("durationMillis", durationMillis);
    metrics = Checks.list("metrics", metrics, CheckMetric.MAX_PER_CHECK);
    if (unit != null) {
      Checks.text("unit", unit, dev.vigil.protocol.command.UnitName.MAX_LENGTH);
      try {
        dev.vigil.protocol.command.UnitName.canonical(unit);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("unit: " + e.getMessage());
      }
    }
  }

  /** A result without a unit: any check but a systemd one, or an agent from before the field. */
  public CheckResult(
      String name,
      String type,
      CheckStatus status,
      boolean failing,
      String message,
      long lastRunMillis,
      long durationMillis,
      List<CheckMetric> metrics) {
    this(name, type, status, failing, message, lastRunMillis, durationMillis, metrics, null);
  }

  /** Whether the last run's verdict was anything but OK. */
  public boolean failedLastRun() {
    return status != CheckStatus.OK;
  }
}
