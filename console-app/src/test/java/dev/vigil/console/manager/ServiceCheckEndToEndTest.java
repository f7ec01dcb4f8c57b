package dev.vigil.console.manager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import dev.vigil.agent.Agent;
import dev.vigil.agent.check.CheckLine;
import dev.vigil.console.RunningConsole;
import dev.vigil.console.TestAgents;
import dev.vigil.console.manager.api.AgentSnapshot;
import dev.vigil.console.manager.api.AlertEvent;
import dev.vigil.console.manager.api.AlertQuery;
import dev.vigil.console.manager.api.CheckMinute;
import dev.vigil.console.manager.api.Problem;
import dev.vigil.protocol.message.AlertState;
import dev.vigil.protocol.message.CheckMetric;
import dev.vigil.protocol.message.CheckResult;
import dev.vigil.protocol.message.CheckStatus;
import dev.vigil.protocol.message.Severity;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 20's "done when", with a real agent and manager on loopback: an HTTP check on a server the
 * test stops and starts raises a problem after three failing runs and resolves it after three
 * passing ones, on the same alert path as every other rule; a plugin's performance data reach the
 * console's snapshot and its minute history.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class ServiceCheckEndToEndTest {
  @RegisterExtension final RunningConsole console = RunningConsole.onLoopback();

  private static HttpServer serve(int port) throws IOException {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
    server.createContext(
        "/health",
        x -> {
          x.sendResponseHeaders(200, -1);
          x.close();
        });
    server.start();
    return server;
  }

  private Optional<CheckResult> check(String agentId, String name) {
    return console.manager().agent(agentId).map(AgentSnapshot::checks).orElse(List.of()).stream()
        .filter(c -> c.name().equals(name))
        .findFirst();
  }

  private List<Problem> problems(String agentId, String rule) {
    return console.manager().problems().stream()
        .filter(p -> p.agentId().equals(agentId) && p.rule().equals(rule))
        .toList();
  }

  @Test
  void anHttpCheckOnAServerThatStopsAndStartsOpensAndResolvesOneProblem() throws Exception {
    HttpServer server = serve(0);
    int port = server.getAddress().getPort();
    try {
      Agent agent =
          console.closeAfter(
              TestAgents.checking(
                  console.manager(),
                  console.dir("agent"),
                  List.of(
                      CheckLine.parse(
                          "site",
                          "http http://127.0.0.1:" + port + "/health every 1s timeout 900ms for 3"),
                      CheckLine.parse(
                          "queue",
                          "plugin /bin/sh -c \"echo 'OK - queue fine | queue=42;50;80;0 wait=0.5s'\""
                              + " every 1s"))));
      String id = agent.id().toString();
      await()
          .atMost(Duration.ofSeconds(20))
          .until(() -> check(id, "site").map(c -> c.status() == CheckStatus.OK).orElse(false));

      server.stop(0);
      await().atMost(Duration.ofSeconds(20)).until(() -> !problems(id, "check.site").isEmpty());
      Problem problem = problems(id, "check.site").getFirst();
      assertThat(problem.severity()).isEqualTo(Severity.CRITICAL);
      assertThat(problem.message()).startsWith("Check site failed 3 run(s) in a row: HTTP");
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> check(id, "site").map(CheckResult::failing).orElse(false));
      assertThat(console.manager().agent(id).orElseThrow().failingChecks()).isEqualTo(1);

      server = serve(port);
      await().atMost(Duration.ofSeconds(20)).until(() -> problems(id, "check.site").isEmpty());
      List<AlertEvent> events =
          console.manager().alertHistory(AlertQuery.newest(100).forAgent(id)).stream()
              .filter(e -> e.alert().rule().equals("check.site"))
              .toList();
      assertThat(events)
          .extracting(e -> e.alert().state())
          .containsExactlyInAnyOrder(AlertState.FIRING, AlertState.RESOLVED);
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> check(id, "site").map(c -> !c.failing()).orElse(false));

      CheckResult queue = check(id, "queue").orElseThrow();
      assertThat(queue.message()).isEqualTo("OK - queue fine");
      assertThat(queue.metrics())
          .containsExactly(new CheckMetric("queue", 42, ""), new CheckMetric("wait", 0.5, "s"));
      Instant now = Instant.now();
      List<CheckMinute> minutes =
          console
              .manager()
              .checkHistory(id, "queue", "queue", now.minusSeconds(600), now.plusSeconds(60));
      assertThat(minutes).isNotEmpty();
      assertThat(minutes.getLast().avg()).isEqualTo(42);
    } finally {
      server.stop(0);
    }
  }
}
