package dev.vigil.swarm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vigil.console.manager.ConsoleManager;
import dev.vigil.console.manager.ManagerConfig;
import dev.vigil.console.manager.api.AgentStatus;
import dev.vigil.console.manager.api.CommandOutcome;
import dev.vigil.console.manager.api.Operator;
import dev.vigil.protocol.command.Command;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A few hundred simulated agents against an in-process console on loopback for about twenty
 * seconds: all come online, every one keeps reporting, commands are answered, alerts are
 * acknowledged, and neither the stats backlog nor the heap grows without bound. Asserts no timing.
 */
class SwarmSmokeTest {
  private static final int AGENTS = 300;

  @TempDir Path dir;

  @Test
  @Timeout(120)
  void aFewHundredAgentsComeOnlineKeepReportingAndAnswerCommands() throws Exception {
    Map<String, AtomicLong> received = new ConcurrentHashMap<>();
    AtomicLong receivedTotal = new AtomicLong();
    try (ConsoleManager manager =
        new ConsoleManager(ManagerConfig.loopbackAnyPort(dir.resolve("console")))) {
      manager.start();
      SwarmTests.onReport(
          manager,
          id -> {
            received.computeIfAbsent(id, k -> new AtomicLong()).incrementAndGet();
            receivedTotal.incrementAndGet();
          });
      SwarmConfig config = SwarmTests.swarmFor(manager, AGENTS, Duration.ofSeconds(30), 100);
      try (Swarm swarm = new Swarm(config, IdentityCache.fresh(AGENTS), System.err)) {
        swarm.start();
        List<String> ids = swarm.agentIds();

        await().atMost(Duration.ofSeconds(60)).until(() -> SwarmTests.online(manager) == AGENTS);
        // The console counts an agent online when it admits it; the agent, when its welcome
        // arrives a moment later.
        await()
            .atMost(Duration.ofSeconds(10))
            .untilAsserted(() -> assertThat(swarm.counters().online()).isEqualTo(AGENTS));
        // Every agent's tags arrive with its inventory, for the window's tag filter and groups.
        await()
            .atMost(Duration.ofSeconds(20))
            .until(
                () ->
                    manager.agents().stream()
                        .allMatch(a -> a.tags().size() == 3 && !a.allowedServices().isEmpty()));
        long heapEarly = SwarmTests.heapAfterGc();
        long backlogEarly = swarm.counters().statsSent() - receivedTotal.get();

        // Every agent's reports keep arriving.
        Map<String, Long> before = counts(ids, received);
        await()
            .atMost(Duration.ofSeconds(40))
            .untilAsserted(
                () ->
                    ids.forEach(
                        id -> assertThat(count(received, id)).isGreaterThan(before.get(id) + 5)));

        // Commands reach agents and come back answered (dry run).
        List<CompletableFuture<CommandOutcome>> outcomes =
            ids.subList(0, 30).stream()
                .map(id -> manager.send(Operator.local(), id, Command.RESTART, java.util.Map.of()))
                .toList();
        for (CompletableFuture<CommandOutcome> f : outcomes) {
          CommandOutcome outcome = f.get();
          assertThat(outcome.status()).isEqualTo(CommandOutcome.Status.SUCCEEDED);
          assertThat(outcome.detail()).contains("dry run");
        }

        // A second window: still reporting, alerts acknowledged over TCP and seen over UDP.
        Map<String, Long> later = counts(ids, received);
        await()
            .atMost(Duration.ofSeconds(40))
            .untilAsserted(
                () ->
                    ids.forEach(
                        id -> assertThat(count(received, id)).isGreaterThan(later.get(id) + 5)));
        assertThat(swarm.counters().acksReceived()).isPositive();
        assertThat(manager.info().datagrams().accepted()).isPositive();
        assertThat(manager.info().datagrams().dropped()).isZero();
        assertThat(manager.recentAlerts()).isNotEmpty();
        assertThat(swarm.counters().online()).isEqualTo(AGENTS);

        // Nothing piles up: reports in flight stay within a few per agent, the heap stays put.
        long backlogLate = swarm.counters().statsSent() - receivedTotal.get();
        assertThat(backlogLate).isLessThanOrEqualTo(Math.max(backlogEarly, 0) + 3L * AGENTS);
        assertThat(SwarmTests.heapAfterGc()).isLessThan(2 * heapEarly + (64L << 20));
      }
      // The console sees every session end before it closes its store.
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> manager.agents().stream().noneMatch(a -> a.status() == AgentStatus.ONLINE));
    }
  }

  private static Map<String, Long> counts(List<String> ids, Map<String, AtomicLong> received) {
    Map<String, Long> counts = new HashMap<>();
    ids.forEach(id -> counts.put(id, count(received, id)));
    return counts;
  }

  private static long count(Map<String, AtomicLong> received, String id) {
    AtomicLong c = received.get(id);
    return c == null ? 0 : c.get();
  }
}
