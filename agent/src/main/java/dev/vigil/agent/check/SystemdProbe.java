package dev.vigil.agent.check;

import dev.vigil.protocol.message.CheckMetric;
import dev.vigil.protocol.message.CheckStatus;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A systemd unit's state from {@code systemctl show UNIT
 * --property=ActiveState,SubState,NRestarts}: {@code active} is OK, {@code activating}, {@code
 * deactivating} and {@code reloading} a warning, anything else ({@code failed}, {@code inactive})
 * critical; the restart count is a metric where systemd has one.
 */
final class SystemdProbe implements Probe {
  private final String unit;
  private final String systemctl;

  /** Asks {@code systemctl} (the program itself, or a stand-in with the same answers). */
  SystemdProbe(String unit, String systemctl) {
    this.unit = unit;
    this.systemctl = systemctl;
  }

  @Override
  public Outcome run(Duration timeout) throws InterruptedException {
    BoundedRun.Result result;
    try {
      result =
          BoundedRun.run(
              List.of(systemctl, "show", unit, "--property=ActiveState,SubState,NRestarts"),
              timeout);
    } catch (IOException e) {
      return Outcome.of(CheckStatus.UNKNOWN, "systemctl cannot run: " + e.getMessage());
    }
    if (result.timedOut()) {
      return Outcome.of(
          CheckStatus.UNKNOWN, "systemctl gave no answer within " + timeout.toMillis() + " ms");
    }
    Map<String, String> properties = new HashMap<>();
    for (String line : result.output().split("\\R")) {
      int eq = line.indexOf('=');
      if (eq > 0) {
        properties.put(line.substring(0, eq), line.substring(eq + 1).strip());
      }
    }
    String active = properties.get("ActiveState");
    if (result.exitCode() != 0 || active == null || active.isEmpty()) {
      return Outcome.of(
          CheckStatus.UNKNOWN,
          "systemctl show "
              + unit
              + " exited with "
              + result.exitCode()
              + ": "
              + firstLine(result.output()));
    }
    String sub = properties.getOrDefault("SubState", "");
    List<CheckMetric> metrics = new ArrayList<>();
    String restarts = properties.get("NRestarts");
    String restartText = "";
    if (restarts != null && restarts.matches("[0-9]{1,9}")) {
      metrics.add(new CheckMetric("restarts", Integer.parseInt(restarts), ""));
      restartText = ", restarted " + restarts + " time(s)";
    }
    CheckStatus status =
        switch (active) {
          case "active" -> CheckStatus.OK;
          case "activating", "deactivating", "reloading" -> CheckStatus.WARNING;
          default -> CheckStatus.CRITICAL;
        };
    return new Outcome(status, unit + " is " + active + " (" + sub + ")" + restartText, metrics);
  }

  private static String firstLine(String output) {
    String line = output.strip().lines().findFirst().orElse("");
    return line.isEmpty() ? "no output" : line;
  }
}
