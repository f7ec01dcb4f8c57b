package dev.vigil.console.manager;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.console.RunningConsole;
import dev.vigil.console.manager.api.Operator;
import dev.vigil.protocol.message.Ack;
import dev.vigil.protocol.message.AlertReport;
import dev.vigil.protocol.message.AlertState;
import dev.vigil.protocol.message.Message;
import dev.vigil.protocol.message.Severity;
import dev.vigil.protocol.message.Welcome;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * #16, finding 11: an enrolled agent that sends alerts as fast as it can (74,725 were stored in 19
 * s) gets every one acknowledged, so it does not retry forever, but the store keeps only its burst
 * and its steady rate; the rest are counted in {@code /metrics}.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class AlertFloodTest {
  private static final int FLOOD = 20_000;

  @RegisterExtension
  final RunningConsole console = RunningConsole.configured(b -> b.metricsPort(0));

  @Test
  void anAgentFloodingAlertsHasThemAllAcknowledgedButOnlyItsBurstAndRateStored() throws Exception {
    ConsoleManager manager = console.manager();
    long started = System.nanoTime();
    try (TlsPeer agent = new TlsPeer(manager)) {
      String token = manager.enroll(Operator.local(), Duration.ofMinutes(1), 1).token();
      assertThat(agent.greet(token)).isInstanceOf(Welcome.class);
      String id = agent.agentId.toString();
      // In rounds of 100, each read back before the next: the console closes a session that
      // stops reading its acks (256 frames queued), and the flood is about the store, not that.
      int acknowledged = 0;
      for (long seq = 1; seq <= FLOOD; seq++) {
        agent.writer.writeMessage(
            new AlertReport(
                seq,
                "cpu",
                Severity.WARNING,
                AlertState.FIRING,
                91,
                90,
                System.currentTimeMillis(),
                "flood " + seq));
        if (seq % 100 == 0) {
          while (acknowledged < seq) {
            Message m = agent.reader.readMessage();
            if (m instanceof Ack) {
              acknowledged++;
            }
          }
        }
      }
      assertThat(acknowledged).isEqualTo(FLOOD);
      double minutes = (System.nanoTime() - started) / 60e9;
      long stored = manager.store().alertCount(id);
      assertThat(stored)
          .as("the burst (2,000) and 60 a minute, not the %d sent", FLOOD)
          .isBetween(
              (long) Retention.DEFAULT_ALERT_BURST,
              Retention.DEFAULT_ALERT_BURST + (long) Math.ceil(minutes * 60) + 1);
      assertThat(droppedMetric(manager)).isEqualTo(FLOOD - stored);
    }
  }

  private static long droppedMetric(ConsoleManager manager) throws Exception {
    String body =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create(
                            "http://127.0.0.1:"
                                + manager.info().metricsListener().getPort()
                                + "/metrics"))
                    .build(),
                HttpResponse.BodyHandlers.ofString())
            .body();
    return body.lines()
        .filter(l -> l.startsWith("vigil_console_alerts_dropped_total "))
        .mapToLong(l -> (long) Double.parseDouble(l.substring(l.indexOf(' ') + 1)))
        .findFirst()
        .orElseThrow();
  }
}
