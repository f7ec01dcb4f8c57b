package dev.vigil.console.manager;

import dev.vigil.console.manager.alerts.AlertService;
import java.time.Duration;

/**
 * How much the console keeps of what agents and operators leave behind: alerts and audit rows are
 * pruned once older than their retention, and each agent may raise a burst of new alerts and then a
 * bounded number a minute (beyond it they are dropped, counted and reported once a minute).
 * Immutable.
 *
 * @param alerts how long alerts stay in the store's history
 * @param audit how long audit rows stay in the store (the hash chain stays checkable)
 * @param alertsPerMinute new alerts accepted from one agent a minute once its burst is spent
 * @param alertBurst new alerts accepted from one agent at once (an outage's backlog)
 */
public record Retention(Duration alerts, Duration audit, int alertsPerMinute, int alertBurst) {
  /** Alerts are kept this long unless configured otherwise. */
  public static final Duration DEFAULT_ALERTS = Duration.ofDays(90);

  /** Audit rows are kept this long unless configured otherwise. */
  public static final Duration DEFAULT_AUDIT = Duration.ofDays(365);

  /**
   * New alerts one agent may raise a minute, once its burst is spent, unless configured otherwise.
   */
  public static final int DEFAULT_ALERTS_PER_MINUTE = AlertService.DEFAULT_ALERTS_PER_MINUTE;

  /** New alerts one agent may raise at once unless configured otherwise. */
  public static final int DEFAULT_ALERT_BURST = AlertService.DEFAULT_ALERT_BURST;

  public Retention {
    if (alerts.compareTo(Duration.ofHours(1)) < 0 || audit.compareTo(Duration.ofHours(1)) < 0) {
      throw new IllegalArgumentException(
          "the alert and audit retentions must be at least one hour");
    }
    if (alertsPerMinute < 1 || alertsPerMinute > 100_000) {
      throw new IllegalArgumentException("the alert rate limit must be 1 to 100000 a minute");
    }
    if (alertBurst < 1 || alertBurst > 1_000_000) {
      throw new IllegalArgumentException("the alert burst must be 1 to 1000000");
    }
  }

  /** 90 days of alerts, 365 days of audit; 2,000 new alerts per agent at once, then 60 a minute. */
  public static Retention defaults() {
    return new Retention(
        DEFAULT_ALERTS, DEFAULT_AUDIT, DEFAULT_ALERTS_PER_MINUTE, DEFAULT_ALERT_BURST);
  }
}
