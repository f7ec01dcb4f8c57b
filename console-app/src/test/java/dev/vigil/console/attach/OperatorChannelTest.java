package dev.vigil.console.attach;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.vigil.agent.Agent;
import dev.vigil.console.RunningConsole;
import dev.vigil.console.TestAgents;
import dev.vigil.console.TestMachine;
import dev.vigil.console.manager.api.CommandOutcome;
import dev.vigil.console.manager.api.FleetListener;
import dev.vigil.console.manager.api.Invitation;
import dev.vigil.console.manager.api.Operator;
import dev.vigil.console.manager.api.OperatorAccount;
import dev.vigil.console.manager.api.Problem;
import dev.vigil.console.manager.api.ProblemChange;
import dev.vigil.console.manager.api.RefusedException;
import dev.vigil.console.manager.api.Role;
import dev.vigil.console.manager.store.AuditLog;
import dev.vigil.protocol.command.Command;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Consoles attached over the operator channel: tokens, keys, roles, events and removal. */
@Timeout(60)
class OperatorChannelTest {
  @RegisterExtension
  final RunningConsole console = RunningConsole.configured(b -> b.operatorPort(0));

  private final Consoles consoles = new Consoles(console);
  private static final Operator ANYONE = new Operator("ignored", "the server names who asks");

  @Test
  void theFirstAdminAttachesWithTheAdminTokenOnceAndThenByKey() throws Exception {
    assertThat(consoles.adminTokenFile()).exists();
    assertThat(Files.getPosixFilePermissions(consoles.adminTokenFile()))
        .isEqualTo(PosixFilePermissions.fromString("rw-------"));
    String token = Files.readString(consoles.adminTokenFile()).strip();

    RemoteOperatorApi alice = consoles.attach("alice", token);

    assertThat(alice.role()).isEqualTo(Role.ADMIN);
    assertThat(alice.operatorName()).isEqualTo("alice");
    assertThat(consoles.adminTokenFile()).doesNotExist();
    assertThatThrownBy(() -> consoles.attach("mallory", token))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("The token was not accepted");
    alice.close();
    // Known by key now: no token, and the fingerprint remembered from the first time.
    RemoteOperatorApi again =
        console.closeAfter(
            RemoteOperatorApi.attach(
                new RemoteOperatorApi.Target(
                    Consoles.channel(console.manager()),
                    console.dir("attach-alice"),
                    "alice",
                    null,
                    null)));
    assertThat(again.role()).isEqualTo(Role.ADMIN);
    assertThat(again.operatorAdmin().orElseThrow().operators())
        .extracting(OperatorAccount::name)
        .containsExactly("alice");
  }

  @Test
  void anUnknownKeyWithoutATokenGetsASentenceAndTheListenerCarriesOn() throws Exception {
    assertThatThrownBy(() -> consoles.attach("stranger", null))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("is not known to this manager")
        .hasMessageContaining("--token");

    RemoteOperatorApi admin = consoles.firstAdmin("alice");
    assertThat(admin.info().fingerprint()).isEqualTo(console.manager().info().fingerprint());
  }

  @Test
  void aViewersRestartIsRefusedByTheManagerAndAuditedWithTheirNameAndKey() throws Exception {
    TestMachine machine = new TestMachine();
    Agent agent = console.agentOnMachine("web", machine);
    String id = agent.id().toString();
    TestAgents.awaitReporting(console.manager(), id);
    RemoteOperatorApi admin = consoles.firstAdmin("alice");
    RemoteOperatorApi vera = consoles.invited(admin, "vera", Role.VIEWER);
    await().atMost(Duration.ofSeconds(5)).until(() -> vera.agent(id).isPresent());

    var sent = vera.send(ANYONE, id, Command.RESTART, Map.of());

    assertThatThrownBy(() -> sent.get(10, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .cause()
        .isInstanceOf(RefusedException.class)
        .hasMessage("vera is a viewer: sending commands needs the operator role.");
    assertThat(machine.wentDown).isNotDone();
    String veraKey =
        admin.operatorAdmin().orElseThrow().operators().stream()
            .filter(o -> o.name().equals("vera"))
            .findFirst()
            .orElseThrow()
            .fingerprint();
    await()
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(
            () ->
                assertThat(new AuditLog(console.manager().store()).entries(id))
                    .anySatisfy(
                        e -> {
                          assertThat(e.operator()).isEqualTo("vera");
                          assertThat(e.origin()).startsWith(veraKey + " at ");
                          assertThat(e.action()).isEqualTo("send");
                          assertThat(e.status()).isEqualTo("REFUSED");
                        }));
    // A viewer may still look.
    assertThat(vera.view(id)).isPresent();
  }

  @Test
  void anOperatorsAcknowledgementReachesAnotherConsoleWithinASecond() throws Exception {
    Agent agent = console.alertingAgent("hot");
    String id = agent.id().toString();
    RemoteOperatorApi admin = consoles.firstAdmin("alice");
    RemoteOperatorApi olga = consoles.invited(admin, "olga", Role.OPERATOR);
    List<ProblemChange> seen = new CopyOnWriteArrayList<>();
    admin.subscribe(
        new FleetListener() {
          @Override
          public void problemChanged(ProblemChange change) {
            seen.add(change);
          }
        });
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> olga.problems().stream().anyMatch(p -> p.agentId().equals(id)));
    Problem firing =
        olga.problems().stream().filter(p -> p.agentId().equals(id)).findFirst().orElseThrow();

    assertThat(olga.acknowledge(ANYONE, firing.alertId(), "looking")).isTrue();

    await()
        .atMost(Duration.ofSeconds(1))
        .untilAsserted(
            () -> {
              assertThat(admin.problems())
                  .anySatisfy(p -> assertThat(p.acknowledgedBy()).isEqualTo("olga"));
              assertThat(seen)
                  .anySatisfy(c -> assertThat(c.kind()).isEqualTo(ProblemChange.Kind.ACKNOWLEDGED));
            });
  }

  @Test
  void anInviteeAttachesWithTheirTokenAndIsDetachedAtOnceWhenRemoved() throws Exception {
    RemoteOperatorApi admin = consoles.firstAdmin("alice");
    RemoteOperatorApi bob = consoles.invited(admin, "bob", Role.OPERATOR);
    assertThat(bob.role()).isEqualTo(Role.OPERATOR);
    assertThatThrownBy(() -> bob.operatorAdmin().orElseThrow().operators())
        .isInstanceOf(RefusedException.class)
        .hasMessage("bob is an operator: listing operators needs the admin role.");

    assertThat(admin.operatorAdmin().orElseThrow().remove(ANYONE, "bob")).isTrue();

    await().atMost(Duration.ofSeconds(1)).until(() -> !bob.attached());
    // Bob's console tries once more, is refused by the manager, and stops trying.
    await().atMost(Duration.ofSeconds(30)).until(bob::refused);
    assertThat(bob.lastSentence())
        .startsWith("The manager refused this console: ")
        .contains("is not known to this manager")
        .endsWith("Not attaching again: this console needs a new token from an admin.");
    assertThatThrownBy(() -> consoles.attach("bob", null))
        .hasMessageContaining("is not known to this manager");
    assertThat(admin.attached()).isTrue();
  }

  @Test
  void anInvitationNotUsedYetIsWithdrawnByRemovingItsName() throws Exception {
    RemoteOperatorApi admin = consoles.firstAdmin("alice");
    // Sent to the wrong person, say: the admin takes it back before anyone attaches with it.
    Invitation sent =
        admin
            .operatorAdmin()
            .orElseThrow()
            .invite(ANYONE, "mallory", Role.ADMIN, Duration.ofHours(1));
    assertThat(admin.operatorAdmin().orElseThrow().invitations())
        .singleElement()
        .satisfies(
            i -> {
              assertThat(i.name()).isEqualTo("mallory");
              assertThat(i.role()).isEqualTo(Role.ADMIN);
              assertThat(i.invitedBy()).isEqualTo("alice");
            });
    assertThat(admin.operatorAdmin().orElseThrow().remove(ANYONE, "mallory")).isTrue();
    assertThat(admin.operatorAdmin().orElseThrow().invitations()).isEmpty();
    assertThatThrownBy(() -> consoles.attach("mallory", sent.token()))
        .hasMessageContaining("The token was not accepted");
    assertThat(admin.operatorAdmin().orElseThrow().remove(ANYONE, "mallory")).isFalse();
    assertThat(admin.operatorAdmin().orElseThrow().operators())
        .extracting(OperatorAccount::name)
        .containsExactly("alice");
    // The only admin cannot remove herself: the admin token is spent, no one could manage again.
    assertThatThrownBy(() -> admin.operatorAdmin().orElseThrow().remove(ANYONE, "alice"))
        .hasMessage("Alice is the only admin: invite another admin first, then remove alice.");
    assertThat(admin.attached()).isTrue();
  }

  @Test
  void anOperatorSendsACommandAndSeesItsOutcome() throws Exception {
    TestMachine machine = new TestMachine();
    Agent agent = console.agentOnMachine("db", machine);
    String id = agent.id().toString();
    TestAgents.awaitReporting(console.manager(), id);
    RemoteOperatorApi admin = consoles.firstAdmin("alice");
    RemoteOperatorApi olga = consoles.invited(admin, "olga", Role.OPERATOR);
    List<CommandOutcome> outcomes = new CopyOnWriteArrayList<>();
    olga.subscribe(
        new FleetListener() {
          @Override
          public void commandUpdated(CommandOutcome outcome) {
            outcomes.add(outcome);
          }
        });

    CommandOutcome done =
        olga.send(ANYONE, id, Command.PROCESSES, Map.of()).get(20, TimeUnit.SECONDS);

    assertThat(done.status()).isEqualTo(CommandOutcome.Status.SUCCEEDED);
    await()
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(
            () ->
                assertThat(outcomes)
                    .anySatisfy(o -> assertThat(o.commandId()).isEqualTo(done.commandId())));
    assertThat(new AuditLog(console.manager().store()).entries(id))
        .anySatisfy(e -> assertThat(e.operator()).isEqualTo("olga"));
  }

  @Test
  void anAttachedConsoleHoldsEachAgentExactlyAsTheManagerDoesFromPatches() throws Exception {
    Agent agent = console.agentOnMachine("web", new TestMachine());
    String id = agent.id().toString();
    TestAgents.awaitReporting(console.manager(), id);
    RemoteOperatorApi alice = consoles.firstAdmin("alice");
    long seenAtAttach = alice.agent(id).orElseThrow().lastSeenMillis();

    // Later reports reach the console as patches against what it holds; applied, they must give
    // the manager's own snapshot, every field of it.
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () -> {
              var mine = alice.agent(id).orElseThrow();
              assertThat(mine.lastSeenMillis()).isGreaterThan(seenAtAttach);
              assertThat(mine).isEqualTo(console.manager().agent(id).orElseThrow());
            });
  }
}
