package dev.vigil.console.attach;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vigil.agent.Agent;
import dev.vigil.common.HostPort;
import dev.vigil.console.TestAgents;
import dev.vigil.console.manager.ConsoleManager;
import dev.vigil.console.manager.ManagerConfig;
import dev.vigil.console.manager.api.AgentSnapshot;
import dev.vigil.console.manager.api.AlertEvent;
import dev.vigil.console.manager.api.FleetListener;
import dev.vigil.console.manager.operators.OperatorStore;
import dev.vigil.protocol.tls.Fingerprint;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** An attached console outlives its manager's restart: it attaches again and misses nothing. */
@Timeout(90)
class ReattachTest {
  @TempDir Path dir;
  private final Deque<AutoCloseable> open = new ArrayDeque<>();

  @AfterEach
  void closeAll() throws Exception {
    while (!open.isEmpty()) {
      open.pop().close();
    }
  }

  private ConsoleManager start(ManagerConfig config) throws Exception {
    ConsoleManager m = new ConsoleManager(config);
    m.start();
    return m;
  }

  @Test
  void afterARestartTheConsoleAttachesAgainWithoutDuplicatesOrGaps() throws Exception {
    ManagerConfig first = ManagerConfig.builder(dir.resolve("manager")).operatorPort(0).build();
    ConsoleManager manager = start(first);
    int operatorPort = manager.operatorListener().orElseThrow().getPort();
    ManagerConfig same =
        first.toBuilder()
            .ports(
                manager.info().agentListener().getPort(), manager.info().alertListener().getPort())
            .operatorPort(operatorPort)
            .build();
    Agent before = TestAgents.alerting(manager, dir.resolve("before"));
    open.push(before);
    String token =
        Files.readString(dir.resolve("manager").resolve(OperatorStore.ADMIN_TOKEN_FILE)).strip();
    RemoteOperatorApi client =
        RemoteOperatorApi.attach(
            new RemoteOperatorApi.Target(
                new HostPort("127.0.0.1", operatorPort),
                dir.resolve("client"),
                "alice",
                token,
                Fingerprint.parse(manager.info().fingerprint())));
    List<Long> alerts = new CopyOnWriteArrayList<>();
    List<String> removed = new CopyOnWriteArrayList<>();
    client.subscribe(
        new FleetListener() {
          @Override
          public void alertReceived(AlertEvent alert) {
            alerts.add(alert.id());
          }

          @Override
          public void agentRemoved(String agentId) {
            removed.add(agentId);
          }
        });
    String beforeId = before.id().toString();
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> client.problems().stream().anyMatch(p -> p.agentId().equals(beforeId)));
    await().atMost(Duration.ofSeconds(5)).until(() -> !alerts.isEmpty());

    manager.close();
    await().atMost(Duration.ofSeconds(10)).until(() -> !client.attached());
    ConsoleManager again = start(same);
    open.push(again);
    open.push(client);
    // While the console re-attaches (its backoff) a new agent enrolls and alerts: it must arrive
    // once, by event or through the snapshot's differences.
    Agent after = TestAgents.alerting(again, dir.resolve("after"));
    open.push(after);
    String afterId = after.id().toString();

    await()
        .atMost(Duration.ofSeconds(40))
        .untilAsserted(
            () -> {
              assertThat(client.attached()).isTrue();
              assertThat(client.sessions()).isEqualTo(2);
              assertThat(client.agents())
                  .extracting(AgentSnapshot::agentId)
                  .containsExactlyInAnyOrderElementsOf(
                      again.agents().stream().map(AgentSnapshot::agentId).toList());
              assertThat(client.problems())
                  .anySatisfy(p -> assertThat(p.agentId()).isEqualTo(afterId));
              List<Long> managerSays = again.recentAlerts().stream().map(AlertEvent::id).toList();
              assertThat(alerts).containsAll(managerSays);
            });
    assertThat(alerts).doesNotHaveDuplicates();
    assertThat(removed).isEmpty();
  }
}
