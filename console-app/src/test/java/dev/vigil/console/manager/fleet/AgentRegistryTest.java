package dev.vigil.console.manager.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.console.manager.api.AgentStatus;
import dev.vigil.console.manager.history.MetricHistory;
import dev.vigil.protocol.Protocol;
import dev.vigil.protocol.message.Hello;
import dev.vigil.protocol.message.StatsReport;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Stale is judged by each agent's own stats interval, never by one figure for all. */
class AgentRegistryTest {
  private static final long AT_LEAST = 5_000;

  private final AgentRegistry registry =
      new AgentRegistry(new Listeners(), new MetricHistory(Duration.ofMinutes(1)));

  private String online(Long statsIntervalMillis, long now) {
    String id = UUID.randomUUID().toString();
    registry.connected(
        new Hello(
            Protocol.VERSION, id, "web-01", "Linux", "1", List.of(), null, statsIntervalMillis),
        "127.0.0.1",
        "SHA256:x",
        AgentStatus.ONLINE,
        now);
    registry.stats(id, new StatsReport(now, 5, 1, 2, 3), now);
    return id;
  }

  private AgentStatus statusAt(String id, long now) {
    registry.markStale(now, AT_LEAST);
    return registry.get(id).orElseThrow().status();
  }

  @Test
  void anAgentReportingEveryTenSecondsIsNotStaleBetweenReports() {
    String id = online(10_000L, 1_000);
    assertThat(statusAt(id, 1_000 + 9_999)).isEqualTo(AgentStatus.ONLINE);
    assertThat(statusAt(id, 1_000 + 25_000)).as("two reports late").isEqualTo(AgentStatus.ONLINE);
    assertThat(statusAt(id, 1_000 + 30_001)).as("three late").isEqualTo(AgentStatus.STALE);
  }

  @Test
  void aFastAgentIsStaleAfterTheConsolesMinimumNotSooner() {
    String id = online(200L, 1_000);
    assertThat(statusAt(id, 1_000 + 4_000)).isEqualTo(AgentStatus.ONLINE);
    assertThat(statusAt(id, 1_000 + 5_001)).isEqualTo(AgentStatus.STALE);
  }

  @Test
  void anAgentWhoseHelloSaysNothingIsTakenAsReportingEverySecond() {
    String id = online(null, 1_000);
    assertThat(registry.staleAfterMillis(id, 0)).isEqualTo(3_000);
    assertThat(registry.staleAfterMillis(id, AT_LEAST)).isEqualTo(AT_LEAST);
  }
}
