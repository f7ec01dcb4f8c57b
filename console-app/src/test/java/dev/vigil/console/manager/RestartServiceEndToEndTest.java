package dev.vigil.console.manager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vigil.agent.Agent;
import dev.vigil.console.RunningConsole;
import dev.vigil.console.TestAgents;
import dev.vigil.console.manager.api.AgentSnapshot;
import dev.vigil.console.manager.api.CommandOutcome;
import dev.vigil.console.manager.api.Operator;
import dev.vigil.console.manager.store.AuditLog;
import dev.vigil.protocol.command.Command;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 20's "done when" for services, with real dry-run agents and a manager on loopback:
 * restart-service nginx is refused unless the agent's allow-services lists it (by the manager when
 * it knows the list, by the agent when it does not), runs as a dry run when listed, and is audited
 * on both sides with its unit; the agent's tags and units reach its snapshot.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class RestartServiceEndToEndTest {
  private static final Operator ALICE = new Operator("alice", "10.1.2.3");

  @RegisterExtension final RunningConsole console = RunningConsole.onLoopback();

  private AgentSnapshot known(String id) {
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                console
                    .manager()
                    .agent(id)
                    .map(a -> a.status().isApproved() && !a.tags().isEmpty())
                    .orElse(false));
    return console.manager().agent(id).orElseThrow();
  }

  private CommandOutcome restart(String id, String unit) throws Exception {
    return console
        .manager()
        .send(ALICE, id, Command.RESTART_SERVICE, Map.of("unit", unit))
        .get(20, TimeUnit.SECONDS);
  }

  private List<AuditLog.Entry> audit(String id, int atLeast) {
    AuditLog log = new AuditLog(console.manager().store());
    await().atMost(Duration.ofSeconds(15)).until(() -> log.entries(id).size() >= atLeast);
    return log.entries(id);
  }

  @Test
  void restartServiceIsRefusedUnlessListedRunsAsADryRunWhenListedAndIsAuditedOnBothSides()
      throws Exception {
    Path web = console.dir("web");
    Agent listed =
        console.closeAfter(
            TestAgents.servicing(
                console.manager(), web, List.of("nginx"), List.of("web", "region:eu-west")));
    String id = listed.id().toString();
    AgentSnapshot snapshot = known(id);
    assertThat(snapshot.tags()).containsExactly("web", "region:eu-west");
    assertThat(snapshot.allowedServices()).containsExactly("nginx.service");
    assertThat(snapshot.allows(Command.RESTART_SERVICE)).isTrue();

    CommandOutcome refused = restart(id, "sshd");
    assertThat(refused.status()).isEqualTo(CommandOutcome.Status.REFUSED);
    assertThat(refused.detail())
        .contains("does not allow restarting 'sshd.service' (allow-services: nginx.service");

    CommandOutcome ran = restart(id, "nginx");
    assertThat(ran.status()).isEqualTo(CommandOutcome.Status.SUCCEEDED);
    assertThat(ran.dryRun()).isTrue();
    assertThat(ran.detail()).isEqualTo("dry run: would run 'systemctl restart nginx.service'");

    List<AuditLog.Entry> rows = audit(id, 4);
    assertThat(rows)
        .allSatisfy(
            r -> {
              assertThat(r.action()).isEqualTo("restart-service");
              assertThat(r.operator()).isEqualTo("alice");
            })
        .extracting(AuditLog.Entry::status)
        .contains("REFUSED", "SENT", "DRY_RUN");
    assertThat(rows)
        .filteredOn(r -> r.status().equals("SENT"))
        .singleElement()
        .extracting(AuditLog.Entry::detail)
        .asString()
        .endsWith("(unit nginx.service)");
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> Files.readString(web.resolve("audit.log")).contains("\"outcome\""));
    List<String> agentAudit = Files.readAllLines(web.resolve("audit.log"));
    assertThat(agentAudit)
        .anySatisfy(l -> assertThat(l).contains("\"intent\"", "\"unit\":\"nginx.service\""))
        .anySatisfy(l -> assertThat(l).contains("\"outcome\"", "would run 'systemctl restart"));

    // An agent whose config names no service: the console has no list, the agent refuses.
    Agent unlisted =
        console.closeAfter(
            TestAgents.servicing(console.manager(), console.dir("db"), List.of(), List.of("db")));
    String other = unlisted.id().toString();
    assertThat(known(other).allows(Command.RESTART_SERVICE)).isFalse();
    CommandOutcome notAllowed = restart(other, "nginx");
    assertThat(notAllowed.status()).isEqualTo(CommandOutcome.Status.REFUSED);
    assertThat(notAllowed.detail())
        .contains("does not allow restarting any service (allow-services: none");
  }
}
