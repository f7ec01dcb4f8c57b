package dev.vigil.console.manager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vigil.agent.Agent;
import dev.vigil.agent.AgentConfig;
import dev.vigil.agent.alert.RuleLevels;
import dev.vigil.agent.probe.OshiSystemProbe;
import dev.vigil.console.RunningConsole;
import dev.vigil.console.TestAgents;
import dev.vigil.console.manager.api.AgentSnapshot;
import dev.vigil.console.manager.api.AgentStatus;
import dev.vigil.console.manager.api.FleetListener;
import dev.vigil.console.manager.api.Operator;
import dev.vigil.protocol.command.AllowList;
import dev.vigil.protocol.tls.Fingerprint;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The console keeps time by each agent's own intervals: it waits for an agent that reports slowly
 * without calling it stale, and tells a pending agent how often to show life (the protocol issue's
 * faults 2 and 3, each seen with Vigil's own agent).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class AgentIntervalsTest {
  @RegisterExtension
  final RunningConsole console =
      RunningConsole.configured(c -> c.heartbeatSeconds(1).staleAfter(Duration.ofMillis(500)));

  private Agent agentReportingEvery(Duration interval, String token) throws Exception {
    ConsoleManager manager = console.manager();
    AgentConfig config =
        AgentConfig.dialing("127.0.0.1", manager.info().agentListener().getPort())
            .dataDir(console.dir("agent"))
            .statsInterval(interval)
            .rules(Map.of("cpu", RuleLevels.OFF))
            .allowList(new AllowList(Set.of(), "the test"))
            .dryRun(true)
            .enrollmentToken(token)
            .consoleFingerprint(
                manager.info().keyFingerprint().map(Fingerprint::parse).orElseThrow())
            .initialConnectDelay(Duration.ZERO)
            .cpuBudgetPercent(100)
            .memoryBudgetBytes(1L << 40)
            .build();
    Agent agent = new Agent(config, UUID.randomUUID(), new OshiSystemProbe());
    agent.start();
    return console.closeAfter(agent);
  }

  @Test
  void anAgentReportingSlowerThanTheStaleMinimumIsNeverCalledStale() throws Exception {
    ConsoleManager manager = console.manager();
    List<AgentStatus> seen = new CopyOnWriteArrayList<>();
    manager.subscribe(
        new FleetListener() {
          @Override
          public void agentChanged(AgentSnapshot agent) {
            seen.add(agent.status());
          }
        });
    String token = manager.enroll(Operator.local(), Duration.ofMinutes(1), 1).token();
    Agent agent = agentReportingEvery(Duration.ofMillis(1500), token);
    String id = agent.id().toString();
    TestAgents.awaitStatus(manager, id, AgentStatus.ONLINE);
    // Four reports, each three times the console's 500 ms minimum apart: never stale meanwhile.
    await()
        .during(Duration.ofSeconds(6))
        .atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(100))
        .until(() -> !seen.contains(AgentStatus.STALE));
    assertThat(manager.agent(id).orElseThrow().status()).isEqualTo(AgentStatus.ONLINE);
  }

  @Test
  void anAgentWaitingForApprovalKeepsItsSessionAtAOneSecondHeartbeat() throws Exception {
    ConsoleManager manager = console.manager();
    Agent agent = agentReportingEvery(Duration.ofSeconds(1), null);
    String id = agent.id().toString();
    TestAgents.awaitStatus(manager, id, AgentStatus.PENDING);
    // Well past three of the console's heartbeat intervals, no session was closed as silent.
    await()
        .during(Duration.ofSeconds(5))
        .atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(100))
        .until(() -> manager.info().sessions().silent() == 0);
    assertThat(manager.approve(Operator.local(), id, keyOf(manager, id))).isTrue();
    TestAgents.awaitStatus(manager, id, AgentStatus.ONLINE);
  }

  /** The key a pending agent presents, as an operator compares it before approving. */
  private static Fingerprint keyOf(ConsoleManager manager, String agentId) {
    return Fingerprint.parse(manager.agent(agentId).orElseThrow().fingerprint());
  }
}
