package dev.vigil.swarm;

import dev.vigil.console.manager.ConsoleManager;
import dev.vigil.console.manager.api.AgentSnapshot;
import dev.vigil.console.manager.api.AgentStatus;
import dev.vigil.console.manager.api.FleetListener;
import dev.vigil.console.manager.api.Operator;
import dev.vigil.protocol.tls.Fingerprint;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.function.Consumer;

/** What the swarm's tests share: a swarm aimed at an in-process console, and what they measure. */
final class SwarmTests {
  private SwarmTests() {}

  /** A swarm of {@code agents} enrolling with a fresh token, reporting every second. */
  static SwarmConfig swarmFor(ConsoleManager manager, int agents, Duration alertEvery, int ramp) {
    return new SwarmConfig(
        agents,
        "127.0.0.1",
        manager.info().agentListener().getPort(),
        manager.enroll(Operator.local(), Duration.ofMinutes(10), agents).token(),
        manager.info().keyFingerprint().map(Fingerprint::parse).orElseThrow(),
        Duration.ofSeconds(1),
        alertEvery,
        ramp);
  }

  /** Calls {@code report} with the agent's id for every stats report an online agent sends. */
  static void onReport(ConsoleManager manager, Consumer<String> report) {
    manager.subscribe(
        new FleetListener() {
          @Override
          public void agentChanged(AgentSnapshot agent) {
            if (agent.stats() != null && agent.status() == AgentStatus.ONLINE) {
              report.accept(agent.agentId());
            }
          }
        });
  }

  static long online(ConsoleManager manager) {
    return manager.agents().stream().filter(a -> a.status() == AgentStatus.ONLINE).count();
  }

  static long heapAfterGc() {
    System.gc();
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }
}
