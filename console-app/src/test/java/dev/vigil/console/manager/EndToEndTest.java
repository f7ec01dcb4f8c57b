package dev.vigil.console.manager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vigil.agent.Agent;
import dev.vigil.console.RunningConsole;
import dev.vigil.console.TestAgents;
import dev.vigil.console.manager.api.AgentDetails;
import dev.vigil.console.manager.api.AgentSnapshot;
import dev.vigil.console.manager.api.AgentStatus;
import dev.vigil.console.manager.api.AgentView;
import dev.vigil.console.manager.api.CommandOutcome;
import dev.vigil.console.manager.api.Operator;
import dev.vigil.protocol.command.Command;
import dev.vigil.protocol.message.AlertState;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class EndToEndTest {
  @RegisterExtension final RunningConsole console = RunningConsole.onLoopback();
  private ConsoleManager manager;
  private Agent agent;

  @BeforeEach
  void startConsole() throws Exception {
    manager = console.manager();
  }

  @Test
  void statsArriveFromARealAgent() throws Exception {
    agent = console.quietAgent("agent");
    await()
        .atMost(Duration.ofSeconds(15))
        .ignoreExceptions()
        .untilAsserted(
            () -> {
              AgentSnapshot a = manager.agent(agent.id().toString()).orElseThrow();
              assertThat(a.status()).isEqualTo(AgentStatus.ONLINE);
              assertThat(a.stats()).isNotNull();
              assertThat(a.stats().memoryTotalBytes()).isPositive();
              assertThat(a.allowedCommands()).contains("restart");
            });
  }

  @Test
  void theFullPictureArrivesInventoryFileSystemsAndTopProcesses() throws Exception {
    agent = console.quietAgent("agent");
    String id = agent.id().toString();
    await()
        .atMost(Duration.ofSeconds(15))
        .ignoreExceptions()
        .untilAsserted(
            () -> {
              AgentDetails d = manager.view(id).map(AgentView::details).orElseThrow();
              assertThat(d.inventory()).isNotNull();
              assertThat(d.inventory().allowedCommands()).contains("restart");
              assertThat(d.slow()).isNotNull();
              assertThat(d.slow().topByCpu()).isNotEmpty();
              AgentSnapshot a = manager.agent(id).orElseThrow();
              assertThat(a.stats().cpuPerCore()).isNotEmpty();
              assertThat(a.stats().uptimeSeconds()).isPositive();
            });
  }

  @Test
  void theAgentsRuleLevelsArriveInItsInventoryAndOnlyThoseThatAreOn() throws Exception {
    agent = console.alertingAgent("levels"); // CPU critical at 0 %, every other rule off
    String id = agent.id().toString();
    await()
        .atMost(Duration.ofSeconds(15))
        .ignoreExceptions()
        .untilAsserted(
            () ->
                assertThat(
                        manager
                            .view(id)
                            .map(AgentView::details)
                            .orElseThrow()
                            .inventory()
                            .alertRules())
                    .containsExactly(
                        new dev.vigil.protocol.message.RuleLevel("cpu", null, 0.0, 0, 0)));
  }

  @Test
  void aRestartIsAcknowledgedAsADryRun() throws Exception {
    agent = console.quietAgent("agent");
    String id = agent.id().toString();
    await().atMost(Duration.ofSeconds(15)).until(() -> manager.agent(id).isPresent());
    CommandOutcome outcome =
        manager
            .send(Operator.local(), id, Command.RESTART, java.util.Map.of())
            .get(15, TimeUnit.SECONDS);
    assertThat(outcome.status()).isEqualTo(CommandOutcome.Status.SUCCEEDED);
    assertThat(outcome.detail()).startsWith("dry run: would run '");
    // The result went through the agent's outbox and the console acknowledged it.
    await().atMost(Duration.ofSeconds(10)).until(() -> agent.outbox().isEmpty());
  }

  @Test
  void aCommandTheAgentsConfigDoesNotAllowIsRefusedByTheAgent() throws Exception {
    agent = console.quietAgent("agent");
    String id = agent.id().toString();
    await().atMost(Duration.ofSeconds(15)).until(() -> manager.agent(id).isPresent());
    CommandOutcome outcome =
        manager
            .send(Operator.local(), id, Command.SHUTDOWN, java.util.Map.of())
            .get(15, TimeUnit.SECONDS);
    assertThat(outcome.status()).isEqualTo(CommandOutcome.Status.REFUSED);
  }

  @Test
  void aCommandToAnAgentThatIsNotConnectedSaysSo() throws Exception {
    CommandOutcome outcome =
        manager
            .send(
                Operator.local(),
                "0f8fad5b-d9cb-469f-a165-70867728950e",
                Command.RESTART,
                java.util.Map.of())
            .get(5, TimeUnit.SECONDS);
    assertThat(outcome.status()).isEqualTo(CommandOutcome.Status.NOT_CONNECTED);
  }

  @Test
  void aCpuAlertArrivesOverUdpAndTcpAndIsAcceptedOnce() throws Exception {
    agent = console.alertingAgent("agent");
    await()
        .atMost(Duration.ofSeconds(15))
        .ignoreExceptions()
        .untilAsserted(
            () -> {
              assertThat(manager.info().datagrams().accepted()).isGreaterThanOrEqualTo(1);
              assertThat(agent.unacknowledgedAlerts()).isEmpty();
            });
    assertThat(manager.recentAlerts())
        .hasSize(1)
        .first()
        .satisfies(
            e -> {
              assertThat(e.agentId()).isEqualTo(agent.id().toString());
              assertThat(e.alert().rule()).isEqualTo("cpu");
              assertThat(e.alert().state()).isEqualTo(AlertState.FIRING);
            });
    assertThat(manager.info().datagrams().dropped()).isZero();
  }

  @Test
  void theAgentReconnectsWhenTheConsoleComesBack() throws Exception {
    agent = console.quietAgent("agent");
    String id = agent.id().toString();
    await()
        .atMost(Duration.ofSeconds(15))
        .until(() -> manager.agent(id).map(a -> a.stats() != null).orElse(false));
    int port = manager.info().agentListener().getPort();
    manager.close();
    await().atMost(Duration.ofSeconds(10)).until(() -> !agent.connected());

    manager =
        console.closeAfter(
            new ConsoleManager(
                ManagerConfig.loopbackAnyPort(console.dir("console")).withPorts(port, 0)));
    manager.start();
    assertThat(manager.info().agentListener()).isEqualTo(new InetSocketAddress("127.0.0.1", port));
    TestAgents.awaitStatus(manager, id, AgentStatus.ONLINE);
  }

  @Test
  void anAgentThatGoesAwayIsMarkedOffline() throws Exception {
    agent = console.quietAgent("agent");
    String id = agent.id().toString();
    await().atMost(Duration.ofSeconds(15)).until(() -> manager.agent(id).isPresent());
    agent.close();
    agent = null;
    await()
        .atMost(Duration.ofSeconds(15))
        .ignoreExceptions()
        .untilAsserted(
            () ->
                assertThat(manager.agent(id))
                    .hasValueSatisfying(
                        a -> assertThat(a.status()).isEqualTo(AgentStatus.OFFLINE)));
  }

  @Test
  void theApiSaysBeforeSendingWhetherACommandMayGoAndWhyNot() throws Exception {
    agent = console.quietAgent("agent");
    String id = agent.id().toString();
    TestAgents.awaitStatus(manager, id, AgentStatus.ONLINE);
    assertThat(manager.refusal(id, Command.RESTART)).isEmpty();
    assertThat(manager.refusal(id, Command.SHUTDOWN))
        .hasValueSatisfying(
            why -> assertThat(why).contains("does not allow 'shutdown'").contains("restart"));
    assertThat(manager.refusal("0f8fad5b-d9cb-469f-a165-70867728950e", Command.RESTART))
        .hasValueSatisfying(why -> assertThat(why).contains("does not know"));
    agent.close();
    TestAgents.awaitStatus(manager, id, AgentStatus.OFFLINE);
    assertThat(manager.refusal(id, Command.RESTART))
        .hasValueSatisfying(why -> assertThat(why).contains("offline"));
  }
}
