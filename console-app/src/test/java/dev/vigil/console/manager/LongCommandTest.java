package dev.vigil.console.manager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vigil.agent.Agent;
import dev.vigil.console.RunningConsole;
import dev.vigil.console.TestAgents;
import dev.vigil.console.TestMachine;
import dev.vigil.console.manager.api.AgentStatus;
import dev.vigil.console.manager.api.CommandOutcome;
import dev.vigil.console.manager.api.FleetListener;
import dev.vigil.console.manager.api.Operator;
import dev.vigil.protocol.command.Command;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Commands that take longer than the console's answer timeout: once the agent says {@code
 * ACCEPTED}, the command's own deadline applies, and a restart's result comes from the agent's next
 * session. The answer timeout here is one second, so anything that still applied it would fail.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LongCommandTest {
  private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(1);

  @RegisterExtension
  final RunningConsole console =
      RunningConsole.configured(
          c ->
              c.commandTimeout(ANSWER_TIMEOUT)
                  .commandDeadline(Command.SHUTDOWN, Duration.ofSeconds(2)));

  private final TestMachine machine = new TestMachine();
  private final List<CommandOutcome> seen = new CopyOnWriteArrayList<>();

  private Agent reportingAgent() throws Exception {
    ConsoleManager manager = console.manager();
    manager.subscribe(
        new FleetListener() {
          @Override
          public void commandUpdated(CommandOutcome outcome) {
            seen.add(outcome);
          }
        });
    Agent agent = console.agentOnMachine("web", machine);
    TestAgents.awaitReporting(manager, agent.id().toString());
    return agent;
  }

  private CompletableFuture<CommandOutcome> send(
      Agent agent, Command command, Map<String, String> a) {
    return console.manager().send(Operator.local(), agent.id().toString(), command, a);
  }

  private void awaitAcknowledged(CompletableFuture<CommandOutcome> result, String detail) {
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                assertThat(seen)
                    .anySatisfy(
                        o -> {
                          assertThat(o.status()).isEqualTo(CommandOutcome.Status.ACKNOWLEDGED);
                          assertThat(o.summary()).contains(detail);
                        }));
    assertThat(result).isNotDone();
  }

  /** Waits more than the answer timeout and checks the command is still waiting. */
  private static void outlastsTheAnswerTimeout(CompletableFuture<CommandOutcome> result) {
    await()
        .during(ANSWER_TIMEOUT.multipliedBy(2))
        .atMost(ANSWER_TIMEOUT.multipliedBy(4))
        .until(() -> !result.isDone());
  }

  @Test
  void anAcceptedCommandWhoseResultTakesLongerThanTheAnswerTimeoutSucceeds() throws Exception {
    Agent agent = reportingAgent();
    CompletableFuture<CommandOutcome> result = send(agent, Command.KILL, Map.of("pid", "4242"));
    assertThat(machine.killing.get(10, TimeUnit.SECONDS)).isEqualTo(4242);
    awaitAcknowledged(result, "waiting up to 30 s for its result");
    outlastsTheAnswerTimeout(result);

    machine.finishKill();

    CommandOutcome outcome = result.get(10, TimeUnit.SECONDS);
    assertThat(outcome.status()).isEqualTo(CommandOutcome.Status.SUCCEEDED);
    assertThat(outcome.detail()).isEqualTo("asked process 4242 to terminate");
  }

  @Test
  void aRestartSucceedsWhenTheAgentsNextSessionSendsItsResult() throws Exception {
    Agent agent = reportingAgent();
    String id = agent.id().toString();
    CompletableFuture<CommandOutcome> result = send(agent, Command.RESTART, Map.of());
    assertThat(machine.wentDown.get(10, TimeUnit.SECONDS)).isEqualTo("restart");
    awaitAcknowledged(result, "accepted by ");
    assertThat(seen)
        .anySatisfy(o -> assertThat(o.detail()).endsWith("; waiting up to 10 min for its result"));

    // The machine goes down with the agent; the console loses the session, not the command.
    agent.close();
    TestAgents.awaitStatus(console.manager(), id, AgentStatus.OFFLINE);
    outlastsTheAnswerTimeout(result);

    machine.boot();
    console.restartedAgent("web", agent.id(), machine);

    CommandOutcome outcome = result.get(20, TimeUnit.SECONDS);
    assertThat(outcome.status()).isEqualTo(CommandOutcome.Status.SUCCEEDED);
    assertThat(outcome.detail())
        .startsWith("the machine restarted (booted at ")
        .endsWith("the agent is back");
  }

  @Test
  void anAcceptedCommandWhoseDeadlinePassesTimesOutNamingTheDeadline() throws Exception {
    Agent agent = reportingAgent();
    CompletableFuture<CommandOutcome> result = send(agent, Command.SHUTDOWN, Map.of());
    assertThat(machine.wentDown.get(10, TimeUnit.SECONDS)).isEqualTo("shutdown");
    awaitAcknowledged(result, "waiting up to 2 s for its result");
    agent.close(); // and the machine never comes back

    CommandOutcome outcome = result.get(10, TimeUnit.SECONDS);
    assertThat(outcome.status()).isEqualTo(CommandOutcome.Status.TIMED_OUT);
    assertThat(outcome.detail())
        .endsWith(" accepted shutdown but sent no result within its deadline of 2 s");
    assertThat(outcome.summary()).startsWith("no answer: ");
  }
}
