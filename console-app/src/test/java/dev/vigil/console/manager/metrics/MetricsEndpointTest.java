package dev.vigil.console.manager.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vigil.agent.Agent;
import dev.vigil.console.TestAgents;
import dev.vigil.console.manager.ConsoleManager;
import dev.vigil.console.manager.ManagerConfig;
import dev.vigil.console.manager.api.CommandOutcome;
import dev.vigil.console.manager.api.Operator;
import dev.vigil.protocol.command.Command;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class MetricsEndpointTest {
  @TempDir Path dir;

  private static String scrape(ConsoleManager manager) throws Exception {
    var address = java.util.Optional.ofNullable(manager.info().metricsListener()).orElseThrow();
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + address.getPort() + "/metrics"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("text/plain"));
    return response.body();
  }

  @Test
  void metricsShowEachAgentAndTheConsolesOwnCounters() throws Exception {
    try (ConsoleManager manager =
        new ConsoleManager(ManagerConfig.loopbackAnyPort(dir.resolve("console")).withMetrics(0))) {
      manager.start();
      Agent agent = TestAgents.alerting(manager, dir.resolve("agent"));
      try {
        String id = agent.id().toString();
        await()
            .atMost(Duration.ofSeconds(15))
            .until(() -> manager.info().datagrams().accepted() >= 1);
        assertThat(
                manager
                    .send(Operator.local(), id, Command.RESTART, java.util.Map.of())
                    .get(15, TimeUnit.SECONDS)
                    .status())
            .isEqualTo(CommandOutcome.Status.SUCCEEDED);
        await()
            .atMost(Duration.ofSeconds(10))
            .ignoreExceptions()
            .untilAsserted(
                () ->
                    assertThat(scrape(manager))
                        .contains("vigil_agent_up{agent=\"" + id + "\"")
                        .contains("status=\"online\"} 1.0")
                        .contains("vigil_agent_cpu_percent{agent=\"" + id + "\"")
                        .contains("vigil_agent_memory_total_bytes{")
                        .contains("vigil_console_datagrams_total{result=\"accepted\"} 1.0")
                        .contains("vigil_console_datagrams_total{result=\"forged\"} 0.0")
                        .contains(
                            // #17: a dry run's restart was counted as succeeded.
                            "vigil_console_commands_total{command=\"restart\",outcome=\"dry_run\"} 1.0")
                        .contains(
                            "vigil_console_alerts_total{severity=\"critical\",state=\"firing\"} 1.0")
                        .contains("vigil_console_sessions 1.0")
                        .doesNotContain("outcome=\"succeeded\""));
        // The audit's final row of that restart says dry run too.
        dev.vigil.console.manager.store.AuditLog audit =
            new dev.vigil.console.manager.store.AuditLog(manager.store());
        await()
            .atMost(Duration.ofSeconds(10))
            .untilAsserted(
                () ->
                    assertThat(audit.entries(id))
                        .extracting(dev.vigil.console.manager.store.AuditLog.Entry::status)
                        .contains("DRY_RUN")
                        .doesNotContain("SUCCEEDED"));
      } finally {
        agent.close();
      }
    }
  }
}
