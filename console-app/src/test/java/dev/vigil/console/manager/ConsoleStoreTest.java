package dev.vigil.console.manager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.vigil.agent.Agent;
import dev.vigil.console.TestAgents;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
        manager.sendCommand(id, "restart").get(15, TimeUnit.SECONDS);
        await().atMost(Duration.ofSeconds(10)).until(() -> manager.store().auditCount(id) == 1);
      } finally {
        agent.close();
      }
    }
    try (ConsoleManager again = new ConsoleManager(ManagerConfig.loopbackAnyPort(data))) {
      again.start();
      assertThat(again.store().alertCount(id)).isEqualTo(1);
      assertThat(again.store().auditCount(id)).isEqualTo(1);
      Path csv = dir.resolve("alerts.csv");
      long rows = again.store().exportAlerts(csv);
      List<String> lines = Files.readAllLines(csv);
      assertThat(lines.get(0))
          .startsWith("raised_at,received_at,agent_id,hostname,channel,sequence,rule");
      assertThat(rows).isGreaterThanOrEqualTo(1);
      assertThat(lines)
          .anySatisfy(l -> assertThat(l).contains(id).contains(",cpu,CRITICAL,FIRING,"));
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
