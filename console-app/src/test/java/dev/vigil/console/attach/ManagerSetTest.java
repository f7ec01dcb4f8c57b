package dev.vigil.console.attach;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.vigil.agent.Agent;
import dev.vigil.common.HostPort;
import dev.vigil.console.TestAgents;
import dev.vigil.console.manager.ConsoleManager;
import dev.vigil.console.manager.ManagerConfig;
import dev.vigil.console.manager.api.AgentSnapshot;
import dev.vigil.console.manager.api.AgentStatus;
import dev.vigil.console.manager.api.ManagerLink;
import dev.vigil.console.manager.api.Operator;
import dev.vigil.console.manager.api.Problem;
import dev.vigil.console.manager.operators.OperatorStore;
import dev.vigil.protocol.tls.Fingerprint;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * One window attached to two real managers: both fleets side by side and named, calls taken to the
 * right manager, a manager that goes away shown as unreachable (never offline), and the managers
 * remembered for the next start.
 */
@Timeout(120)
class ManagerSetTest {
  @TempDir Path dir;
  private final Deque<AutoCloseable> open = new ArrayDeque<>();
  private static final Operator ALICE = new Operator("alice", "the managers name who asks");

  @AfterEach
  void closeAll() throws Exception {
    while (!open.isEmpty()) {
      open.pop().close();
    }
  }

  private ConsoleManager manager(String name) throws Exception {
    ConsoleManager m =
        new ConsoleManager(ManagerConfig.builder(dir.resolve(name)).operatorPort(0).build());
    m.start();
    open.push(m);
    return m;
  }

  private static HostPort channel(ConsoleManager m) {
    return new HostPort("127.0.0.1", m.operatorListener().orElseThrow().getPort());
  }

  private String adminToken(String name) throws Exception {
    return Files.readString(dir.resolve(name).resolve(OperatorStore.ADMIN_TOKEN_FILE)).strip();
  }

  private Agent alerting(ConsoleManager m, String name) throws Exception {
    Agent a = TestAgents.alerting(m, dir.resolve(name));
    open.push(a);
    return a;
  }

  @Test
  void twoManagersInOneWindowEachAgentNamedAndEveryCallToItsOwnManager() throws Exception {
    ConsoleManager east = manager("east");
    ConsoleManager west = manager("west");
    String eastAgent = alerting(east, "agent-east").id().toString();
    String westAgent = alerting(west, "agent-west").id().toString();
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> !east.problems().isEmpty() && !west.problems().isEmpty());

    ManagerSet set = new ManagerSet(dir.resolve("window"), "alice");
    FleetApi api = new FleetApi(set);
    set.start(channel(east), adminToken("east"), Fingerprint.parse(east.info().fingerprint()));
    ManagerLink added =
        set.connect(channel(west).toString(), adminToken("west"), west.info().fingerprint());
    open.push(api);

    assertThat(added.attached()).isTrue();
    assertThat(set.links())
        .extracting(ManagerLink::name)
        .containsExactly(channel(east).toString(), channel(west).toString());
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                assertThat(api.agents())
                    .extracting(AgentSnapshot::agentId, AgentSnapshot::manager)
                    .contains(
                        org.assertj.core.groups.Tuple.tuple(eastAgent, channel(east).toString()),
                        org.assertj.core.groups.Tuple.tuple(westAgent, channel(west).toString())));
    // Both managers number their alerts from 1: the window's ids still tell them apart, and an
    // acknowledgement reaches the manager that raised the problem, and only it.
    Problem westProblem =
        api.problems().stream().filter(p -> p.agentId().equals(westAgent)).findFirst().get();
    Problem eastProblem =
        api.problems().stream().filter(p -> p.agentId().equals(eastAgent)).findFirst().get();
    assertThat(westProblem.alertId()).isNotEqualTo(eastProblem.alertId());
    assertThat(api.acknowledge(ALICE, westProblem.alertId(), "on it")).isTrue();
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> west.problems().stream().anyMatch(p -> p.acknowledged()), acked -> acked);
    assertThat(east.problems()).noneMatch(Problem::acknowledged);
    assertThat(api.acknowledgement(westProblem.alertId()))
        .hasValueSatisfying(a -> assertThat(a.who()).isEqualTo("alice"));
    assertThat(api.refusal(westAgent, dev.vigil.protocol.command.Command.PROCESSES)).isEmpty();

    // West goes away: its agent stays in view as unreachable, east's is untouched.
    west.close();
    await()
        .atMost(Duration.ofSeconds(15))
        .untilAsserted(
            () -> {
              assertThat(api.agent(westAgent).orElseThrow().status())
                  .isEqualTo(AgentStatus.UNREACHABLE);
              assertThat(api.agent(eastAgent).orElseThrow().status()).isEqualTo(AgentStatus.ONLINE);
            });
    assertThat(set.links().get(1).attached()).isFalse();
    assertThat(set.links().get(1).sentence()).startsWith("unreachable");
    assertThat(api.refusal(westAgent, dev.vigil.protocol.command.Command.PROCESSES))
        .hasValueSatisfying(r -> assertThat(r).contains("cannot be reached"));
  }

  @Test
  void theManagersAreRememberedAndAttachedAgainAtTheNextStart() throws Exception {
    ConsoleManager east = manager("east");
    ConsoleManager west = manager("west");
    String westAgent = alerting(west, "agent-west").id().toString();
    ManagerSet first = new ManagerSet(dir.resolve("window"), "alice");
    first.start(channel(east), adminToken("east"), Fingerprint.parse(east.info().fingerprint()));
    first.connect(channel(west).toString(), adminToken("west"), west.info().fingerprint());
    assertThatThrownBy(() -> first.connect(channel(west).toString(), null, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("already");
    first.close();

    // Known by key now: the next start names only east, and west comes back by itself.
    ManagerSet again = new ManagerSet(dir.resolve("window"), "alice");
    FleetApi api = new FleetApi(again);
    open.push(api);
    again.start(channel(east), null, null);

    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () -> {
              assertThat(again.links()).hasSize(2).allMatch(ManagerLink::attached);
              assertThat(api.agent(westAgent)).isPresent();
            });
    assertThat(again.disconnect(channel(west).toString())).isTrue();
    assertThat(api.agent(westAgent)).isEmpty();
    assertThat(new RememberedManagers(dir.resolve("window")).all()).containsExactly(channel(east));
  }
}
