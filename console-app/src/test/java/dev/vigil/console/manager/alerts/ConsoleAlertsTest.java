package dev.vigil.console.manager.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vigil.agent.Agent;
import dev.vigil.console.RunningConsole;
import dev.vigil.console.TestAgents;
import dev.vigil.console.manager.ConsoleManager;
import dev.vigil.console.manager.TlsPeer;
import dev.vigil.console.manager.api.AgentStatus;
import dev.vigil.console.manager.api.AlertEvent;
import dev.vigil.console.manager.api.CommandOutcome;
import dev.vigil.console.manager.api.Operator;
import dev.vigil.protocol.command.Command;
import dev.vigil.protocol.message.AlertState;
import dev.vigil.protocol.message.Severity;
import dev.vigil.protocol.message.Welcome;
import dev.vigil.protocol.tls.TlsIdentity;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The console's own alerts: offline, key changed, and quiet during a restart's maintenance window.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ConsoleAlertsTest {
  @RegisterExtension final RunningConsole console = RunningConsole.onLoopback();
  private ConsoleManager manager;

  @BeforeEach
  void start() throws Exception {
    manager = console.manager();
  }

  private List<String> consoleAlerts(String agentId) {
    return manager.recentAlerts().stream()
        .filter(e -> e.channel() == AlertEvent.Channel.CONSOLE && e.agentId().equals(agentId))
        .map(e -> e.alert().rule() + " " + e.alert().state())
        .toList();
  }

  private Agent online(String name) throws Exception {
    Agent agent = console.quietAgent(name);
    await()
        .atMost(Duration.ofSeconds(15))
        .until(
            () ->
                manager
                    .agent(agent.id().toString())
                    .map(a -> a.status() == AgentStatus.ONLINE)
                    .orElse(false));
    return agent;
  }

  @Test
  void anAgentThatGoesAwayRaisesOfflineAndItsReturnResolvesIt() throws Exception {
    Agent agent = online("agent");
    String id = agent.id().toString();
    agent.close();
    await()
        .atMost(Duration.ofSeconds(15))
        .until(() -> consoleAlerts(id).contains("agent.offline FIRING"));
    assertThat(manager.recentAlerts().get(0).alert().severity()).isEqualTo(Severity.WARNING);

    Agent back =
        console.closeAfter(TestAgents.restarted(manager, console.dir("agent"), agent.id()));
    try {
      await()
          .atMost(Duration.ofSeconds(15))
          .until(() -> consoleAlerts(id).contains("agent.offline RESOLVED"));
      assertThat(consoleAlerts(id))
          .containsExactly("agent.offline RESOLVED", "agent.offline FIRING");
    } finally {
      back.close();
    }
  }

  @Test
  void aRestartOpensAMaintenanceWindowSoTheAgentsAbsenceRaisesNothing() throws Exception {
    dev.vigil.console.TestMachine machine = new dev.vigil.console.TestMachine();
    Agent agent = console.agentOnMachine("agent", machine);
    String id = agent.id().toString();
    await()
        .atMost(Duration.ofSeconds(15))
        .until(() -> manager.agent(id).map(a -> a.status() == AgentStatus.ONLINE).orElse(false));
    // A real restart: its final outcome comes once the machine is back, after a later hello.
    manager.send(Operator.local(), id, Command.RESTART, java.util.Map.of());
    assertThat(machine.wentDown.get(15, TimeUnit.SECONDS)).isEqualTo("restart");
    agent.close(); // the machine goes down for its restart
    await()
        .atMost(Duration.ofSeconds(15))
        .until(() -> manager.agent(id).map(a -> a.status() == AgentStatus.OFFLINE).orElse(false));
    assertThat(consoleAlerts(id)).isEmpty();

    Agent back =
        console.closeAfter(TestAgents.restarted(manager, console.dir("agent"), agent.id()));
    try {
      await()
          .atMost(Duration.ofSeconds(15))
          .until(() -> consoleAlerts(id).contains("agent.maintenance RESOLVED"));
      assertThat(manager.recentAlerts().get(0).alert().message())
          .contains("is back after its restart");
    } finally {
      back.close();
    }
  }

  @Test
  void aDryRunRestartOpensNoMaintenanceWindowSoTheAgentGoingAwayIsAlerted() throws Exception {
    Agent agent = online("agent"); // a dry-run agent: it only says what it would run
    String id = agent.id().toString();
    CommandOutcome outcome =
        manager
            .send(Operator.local(), id, Command.RESTART, java.util.Map.of())
            .get(15, TimeUnit.SECONDS);
    assertThat(outcome.dryRun()).isTrue();
    // Before: ten minutes of silence about an agent that had not restarted at all.
    agent.close();
    await()
        .atMost(Duration.ofSeconds(15))
        .until(() -> consoleAlerts(id).contains("agent.offline FIRING"));
  }

  @Test
  void aKnownAgentPresentingAnotherKeyRaisesACriticalAlertOnce() throws Exception {
    UUID id = UUID.randomUUID();
    try (TlsPeer original = new TlsPeer(manager, TlsIdentity.create("original"), id)) {
      assertThat(original.greet(manager.enroll(Operator.local(), Duration.ofMinutes(1), 1).token()))
          .isInstanceOf(Welcome.class);
    }
    TlsIdentity impostor = TlsIdentity.create("impostor");
    for (int i = 0; i < 2; i++) {
      try (TlsPeer peer = new TlsPeer(manager, impostor, id)) {
        peer.greet(null);
      }
    }
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> consoleAlerts(id.toString()).contains("agent.key_changed FIRING"));
    assertThat(consoleAlerts(id.toString()))
        .filteredOn(a -> a.startsWith("agent.key_changed"))
        .hasSize(1);
    AlertEvent alert =
        manager.recentAlerts().stream()
            .filter(e -> e.alert().rule().equals("agent.key_changed"))
            .findFirst()
            .orElseThrow();
    assertThat(alert.alert().severity()).isEqualTo(Severity.CRITICAL);
    assertThat(alert.alert().message()).contains(impostor.fingerprint().value());

    manager.forget(Operator.local(), id.toString());
    assertThat(consoleAlerts(id.toString())).contains("agent.key_changed " + AlertState.RESOLVED);
  }

  /** Before: the impostor's claimed name was the alert's host and part of its message. */
  @Test
  void theKeyChangedAlertNamesTheAgentAsKnownNotAsTheImpostorClaims() throws Exception {
    UUID id = UUID.randomUUID();
    try (TlsPeer original = new TlsPeer(manager, TlsIdentity.create("original"), id)) {
      assertThat(original.greet(manager.enroll(Operator.local(), Duration.ofMinutes(1), 1).token()))
          .isInstanceOf(Welcome.class);
    }
    String claimed = "=HYPERLINK(\"http://attacker.example\",\"db-01 is fine\")";
    try (TlsPeer impostor = new TlsPeer(manager, TlsIdentity.create("impostor"), id)) {
      impostor.greetAs(claimed, null);
    }
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> consoleAlerts(id.toString()).contains("agent.key_changed FIRING"));
    AlertEvent alert =
        manager.recentAlerts().stream()
            .filter(e -> e.agentId().equals(id.toString()))
            .filter(e -> e.alert().rule().equals("agent.key_changed"))
            .findFirst()
            .orElseThrow();
    assertThat(alert.hostname()).isEqualTo("test-peer");
    assertThat(alert.alert().message())
        .startsWith("agent " + id + " presented key ")
        .contains("re-key it")
        .doesNotContain("HYPERLINK");
    java.nio.file.Path csv = console.dir("export").resolve("alerts.csv");
    java.nio.file.Files.createDirectories(csv.getParent());
    manager.exportAlerts(Operator.local(), csv, false);
    assertThat(java.nio.file.Files.readString(csv)).doesNotContain("HYPERLINK");
  }
}
