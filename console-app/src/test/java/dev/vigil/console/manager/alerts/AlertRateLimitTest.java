package dev.vigil.console.manager.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.console.manager.api.AlertEvent;
import dev.vigil.console.manager.fleet.Listeners;
import dev.vigil.protocol.message.AlertReport;
import dev.vigil.protocol.message.AlertState;
import dev.vigil.protocol.message.Severity;
import org.junit.jupiter.api.Test;

/**
 * The per-agent alert rate limit (#16, finding 11): a burst, then a steady rate; what is dropped is
 * counted and reported once a minute as one console alert, never once per drop.
 */
class AlertRateLimitTest {
  private static final long T0 = 1_700_000_000_000L;

  @Test
  void aBurstThenASteadyRatePerAgentAndOtherAgentsAreNotHeldBack() {
    AlertRateLimit limit = new AlertRateLimit(60, 100);
    int admitted = 0;
    for (int i = 0; i < 1_000; i++) {
      admitted += limit.admit("a", "web-01", T0) ? 1 : 0;
    }
    assertThat(admitted).isEqualTo(100);
    assertThat(limit.admit("b", "db-01", T0)).isTrue();
    // One a second refills: 30 s later, 30 more.
    int later = 0;
    for (int i = 0; i < 1_000; i++) {
      later += limit.admit("a", "web-01", T0 + 30_000) ? 1 : 0;
    }
    assertThat(later).isEqualTo(30);
    assertThat(limit.droppedTotal()).isEqualTo(900 + 970);
  }

  @Test
  void dropsAreReportedOnceAMinuteAsOneConsoleAlertWithTheirCountWhichResolvesAfterAQuietMinute() {
    AlertService alerts = new AlertService(new Listeners());
    alerts.limit(60, 100);
    for (long seq = 1; seq <= 150; seq++) {
      alerts.ingest("a-1", "web-01", alert(seq), AlertEvent.Channel.TCP);
    }
    assertThat(alerts.recent()).hasSize(100);
    long now = System.currentTimeMillis();
    alerts.reportDrops(now);
    assertThat(alerts.recent()).as("not before the minute is over").hasSize(100);

    alerts.reportDrops(now + 61_000);
    alerts.reportDrops(now + 62_000);
    assertThat(alerts.recent())
        .filteredOn(e -> e.channel() == AlertEvent.Channel.CONSOLE)
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.agentId()).isEqualTo("a-1");
              assertThat(e.alert().rule()).isEqualTo("console.alerts_dropped");
              assertThat(e.alert().message())
                  .contains("dropped 50 alerts from web-01 in the last minute");
            });
    assertThat(alerts.droppedByRateLimit()).isEqualTo(50);

    // A minute without drops after the report: the alert resolves, once.
    alerts.reportDrops(now + 122_000);
    alerts.reportDrops(now + 190_000);
    assertThat(alerts.recent())
        .filteredOn(e -> e.channel() == AlertEvent.Channel.CONSOLE)
        .extracting(e -> e.alert().state())
        .containsExactly(AlertState.RESOLVED, AlertState.FIRING);
  }

  @Test
  void aDroppedAlertSentAgainIsNotCountedTwice() {
    AlertService alerts = new AlertService(new Listeners());
    alerts.limit(60, 1);
    assertThat(alerts.ingest("a-1", "web-01", alert(1), AlertEvent.Channel.TCP)).isTrue();
    assertThat(alerts.ingest("a-1", "web-01", alert(2), AlertEvent.Channel.TCP)).isFalse();
    // The agent got its ack either way; a resend (the UDP copy) is a replay, not a new drop.
    assertThat(alerts.ingest("a-1", "web-01", alert(2), AlertEvent.Channel.UDP)).isFalse();
    assertThat(alerts.droppedByRateLimit()).isEqualTo(1);
  }

  private static AlertReport alert(long seq) {
    return new AlertReport(
        seq,
        "cpu",
        Severity.WARNING,
        AlertState.FIRING,
        91,
        90,
        T0 + seq,
        "CPU 91 % (" + seq + ")");
  }
}
