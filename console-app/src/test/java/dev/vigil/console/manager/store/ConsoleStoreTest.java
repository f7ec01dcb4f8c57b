package dev.vigil.console.manager.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.vigil.agent.Agent;
import dev.vigil.console.TestAgents;
import dev.vigil.console.manager.ConsoleManager;
import dev.vigil.console.manager.ManagerConfig;
import dev.vigil.console.manager.api.LiveSeries;
import dev.vigil.console.manager.api.Metric;
import dev.vigil.console.manager.api.MinuteAggregate;
import dev.vigil.console.manager.api.Operator;
import dev.vigil.protocol.command.Command;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ConsoleStoreTest {
  @TempDir Path dir;

  @Test
  void alertsAndCommandsAreKeptAcrossRestartsAndExportedAsCsv() throws Exception {
    Path data = dir.resolve("console");
    String id;
    try (ConsoleManager manager = new ConsoleManager(ManagerConfig.loopbackAnyPort(data))) {
      manager.start();
      Agent agent = TestAgents.alerting(manager, dir.resolve("agent"));
      try {
        id = agent.id().toString();
        await().atMost(Duration.ofSeconds(15)).until(() -> manager.store().alertCount(id) == 1);
        manager
            .send(Operator.local(), id, Command.RESTART, java.util.Map.of())
            .get(15, TimeUnit.SECONDS);
        await().atMost(Duration.ofSeconds(10)).until(() -> manager.store().auditCount(id) == 3);
      } finally {
        agent.close();
      }
    }
    try (ConsoleManager again = new ConsoleManager(ManagerConfig.loopbackAnyPort(data))) {
      again.start();
      assertThat(again.store().alertCount(id)).isEqualTo(1);
      // sent, acknowledged by the agent, succeeded (a dry run)
      assertThat(again.store().auditCount(id)).isEqualTo(3);
      Path csv = dir.resolve("alerts.csv");
      long rows = again.exportAlerts(Operator.local(), csv, false);
      List<String> lines = Files.readAllLines(csv);
      assertThat(lines.get(0))
          .startsWith("id,raised_at,received_at,agent_id,hostname,channel,sequence,rule");
      assertThat(rows).isGreaterThanOrEqualTo(1);
      assertThat(lines)
          .anySatisfy(l -> assertThat(l).contains(id).contains(",cpu,CRITICAL,FIRING,"));
    }
  }

  @Test
  void acknowledgementsAndSnoozesSurviveARestart() throws Exception {
    Path data = dir.resolve("console");
    String id;
    long alertId;
    try (ConsoleManager manager = new ConsoleManager(ManagerConfig.loopbackAnyPort(data))) {
      manager.start();
      Agent agent = TestAgents.alerting(manager, dir.resolve("agent"));
      try {
        id = agent.id().toString();
        await().atMost(Duration.ofSeconds(15)).until(() -> manager.store().alertCount(id) == 1);
        alertId =
            manager.recentAlerts().stream()
                .filter(a -> a.agentId().equals(id))
                .findFirst()
                .orElseThrow()
                .id();
        assertThat(
                manager.acknowledge(new Operator("ops", "test"), alertId, "disk cleanup running"))
            .isTrue();
        manager.snooze(Operator.local(), id, "memory", Instant.now().plus(Duration.ofHours(2)));
      } finally {
        agent.close();
      }
    }
    try (ConsoleManager again = new ConsoleManager(ManagerConfig.loopbackAnyPort(data))) {
      again.start();
      assertThat(again.recentAlerts()).anySatisfy(a -> assertThat(a.id()).isEqualTo(alertId));
      assertThat(again.acknowledgement(alertId))
          .hasValueSatisfying(
              a -> {
                assertThat(a.who()).isEqualTo("ops");
                assertThat(a.note()).isEqualTo("disk cleanup running");
              });
      assertThat(again.snoozes())
          .anyMatch(s -> s.agentId().equals(String.valueOf(id)) && s.rule().equals("memory"));
      assertThat(again.acknowledge(new Operator("ops", "test"), 987_654, "")).isFalse();
      Path csv = dir.resolve("alerts.csv");
      again.exportAlerts(Operator.local(), csv, false);
      assertThat(Files.readString(csv)).contains(",ops,").contains("disk cleanup running");
    }
  }

  @Test
  void metricHistoryIsQueryableLiveAndKeptAsMinuteAggregatesAcrossRestarts() throws Exception {
    Path data = dir.resolve("console");
    String id;
    try (ConsoleManager manager = new ConsoleManager(ManagerConfig.loopbackAnyPort(data))) {
      manager.start();
      Agent agent = TestAgents.quiet(manager, dir.resolve("agent"));
      try {
        id = agent.id().toString();
        await()
            .atMost(Duration.ofSeconds(20))
            .until(() -> manager.view(id).orElseThrow().live().size() >= 3);
        LiveSeries live = manager.view(id).orElseThrow().live();
        assertThat(live.of(Metric.CPU)).hasSize(live.size());
        assertThat(java.util.Arrays.stream(live.of(Metric.CPU)).boxed())
            .allSatisfy(v -> assertThat(v).isBetween(0.0, 100.0));
        assertThat(java.util.Arrays.stream(live.of(Metric.MEMORY)).boxed())
            .allSatisfy(v -> assertThat(v).isGreaterThan(0.0));
        assertThat(live.timesMillis()).isSorted();
        Instant now = Instant.now();
        List<MinuteAggregate> minutes =
            manager.history(id, Metric.MEMORY, now.minus(Duration.ofHours(1)), now.plusSeconds(60));
        assertThat(minutes).isNotEmpty();
        assertThat(minutes.get(minutes.size() - 1))
            .satisfies(
                m -> {
                  assertThat(m.samples()).isGreaterThanOrEqualTo(1);
                  assertThat(m.min()).isLessThanOrEqualTo(m.avg());
                  assertThat(m.avg()).isLessThanOrEqualTo(m.max());
                });
      } finally {
        agent.close();
      }
    }
    try (ConsoleManager again = new ConsoleManager(ManagerConfig.loopbackAnyPort(data))) {
      again.start();
      Instant now = Instant.now();
      // A clean stop stored the minute in progress.
      assertThat(again.history(id, Metric.CPU, now.minus(Duration.ofHours(1)), now)).isNotEmpty();
      assertThat(again.view(id).orElseThrow().live().size()).isZero();
      Path csv = dir.resolve("history.csv");
      long rows =
          again.exportHistory(Operator.local(), csv, now.minus(Duration.ofHours(1)), now, false);
      assertThat(rows).isGreaterThanOrEqualTo(Metric.values().length);
      List<String> lines = Files.readAllLines(csv);
      assertThat(lines.get(0)).isEqualTo("minute,agent_id,metric,samples,min,avg,max");
      assertThat(lines).anySatisfy(l -> assertThat(l).contains("," + id + ",cpu,"));
    }
  }

  @Test
  void aDamagedStoreIsReportedAtStartWithAWayOut() throws Exception {
    Path data = dir.resolve("console");
    Files.createDirectories(data);
    Files.writeString(
        data.resolve("vigil.db"), "this is not a database, it is a text file of some length");
    ConsoleManager manager = new ConsoleManager(ManagerConfig.loopbackAnyPort(data));
    assertThatThrownBy(manager::start)
        .hasMessageContaining("vigil.db cannot be used as the console's store")
        .hasMessageContaining("Move it aside");
    // Nothing was left half-started: the data directory can be used once the file is moved.
    Files.move(data.resolve("vigil.db"), data.resolve("vigil.db.broken"));
    try (ConsoleManager fixed = new ConsoleManager(ManagerConfig.loopbackAnyPort(data))) {
      fixed.start();
      assertThat(fixed.store().alertCount("nobody")).isZero();
    }
  }
}
