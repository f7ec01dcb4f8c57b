package dev.vigil.console;

import dev.vigil.common.cli.Cli;
import dev.vigil.console.manager.Retention;
import java.time.Duration;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** The console's options for how long alerts and audit rows stay, and the alert rate limit. */
final class RetentionOptions {
  @Option(
      names = "--alert-retention",
      paramLabel = "DURATION",
      converter = Cli.DurationConverter.class,
      description = "How long alerts stay in the store, at least 1h (default: 90d).")
  Duration alerts = Retention.DEFAULT_ALERTS;

  @Option(
      names = "--audit-retention",
      paramLabel = "DURATION",
      converter = Cli.DurationConverter.class,
      description =
          "How long audit rows stay in the store, at least 1h; the hash chain stays checkable"
              + " (default: 365d).")
  Duration audit = Retention.DEFAULT_AUDIT;

  @Option(
      names = "--alert-rate-limit",
      paramLabel = "N",
      description =
          "New alerts accepted from one agent per minute once its burst is spent, 1 to 100000;"
              + " the rest are dropped (still acknowledged), counted and reported once a minute (default: "
              + Retention.DEFAULT_ALERTS_PER_MINUTE
              + ").")
  int alertsPerMinute = Retention.DEFAULT_ALERTS_PER_MINUTE;

  @Option(
      names = "--alert-burst",
      paramLabel = "N",
      description =
          "New alerts accepted from one agent at once, before --alert-rate-limit applies, 1 to"
              + " 1000000: room for an agent's backlog after an outage (default: "
              + Retention.DEFAULT_ALERT_BURST
              + ").")
  int alertBurst = Retention.DEFAULT_ALERT_BURST;

  /** The settings, or a parameter error naming the option that is out of range. */
  Retention retention(CommandLine cli) {
    if (alerts.compareTo(Duration.ofHours(1)) < 0) {
      throw new CommandLine.ParameterException(cli, "--alert-retention must be at least 1h");
    }
    if (audit.compareTo(Duration.ofHours(1)) < 0) {
      throw new CommandLine.ParameterException(cli, "--audit-retention must be at least 1h");
    }
    if (alertsPerMinute < 1 || alertsPerMinute > 100_000) {
      throw new CommandLine.ParameterException(cli, "--alert-rate-limit must be from 1 to 100000");
    }
    if (alertBurst < 1 || alertBurst > 1_000_000) {
      throw new CommandLine.ParameterException(cli, "--alert-burst must be from 1 to 1000000");
    }
    return new Retention(alerts, audit, alertsPerMinute, alertBurst);
  }
}
