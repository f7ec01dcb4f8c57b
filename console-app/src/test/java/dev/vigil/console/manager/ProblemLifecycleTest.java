package dev.vigil.console.manager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vigil.agent.Agent;
import dev.vigil.console.RunningConsole;
import dev.vigil.console.TestAgents;
import dev.vigil.console.manager.api.AgentStatus;
import dev.vigil.console.manager.api.AlertEvent;
import dev.vigil.console.manager.api.AlertQuery;
import dev.vigil.console.manager.api.FleetListener;
import dev.vigil.console.manager.api.Operator;
import dev.vigil.console.manager.api.Problem;
import dev.vigil.console.manager.api.ProblemChange;
import dev.vigil.console.manager.store.ProblemTable;
import dev.vigil.protocol.message.Ack;
import dev.vigil.protocol.message.AlertReport;
import dev.vigil.protocol.message.AlertState;
import dev.vigil.protocol.message.Severity;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Alerts as problems (issue 17, point 2), each case as an operator met it: one problem per agent
 * and rule through firing, escalation and resolution; the console's own stop is not its agents
 * going offline; forgetting an agent ends its problems; an agent restarted with its rule firing
 * continues the same problem; acknowledgements and snoozes say who and until when.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class ProblemLifecycleTest {
  @RegisterExtension final RunningConsole console = RunningConsole.onLoopback();
  private final List<AutoCloseable> restarted = new CopyOnWriteArrayList<>();

  @AfterEach
  void stopRestartedConsoles() throws Exception {
    for (AutoCloseable c : restarted) {
      c.close();
    }
  }

  /** Stops {@code running} and starts a console on the same data directory and TCP port. */
  private ConsoleManager restart(ConsoleManager running, UnaryOperator<ManagerConfig.Builder> more)
      throws IOException {
    int port = running.info().agentListener().getPort();
    running.close();
    ConsoleManager next =
        new ConsoleManager(
            more.apply(ManagerConfig.builder(console.dir("console")).ports(port, 0)).build());
    restarted.add(next);
    next.start();
    return next;
  }

  private static List<AlertEvent> history(ConsoleManager m, String rule) {
    return m.alertHistory(AlertQuery.newest(1_000)).stream()
        .filter(e -> e.alert().rule().equals(rule))
        .toList();
  }

  private static List<Problem> problemsOf(ConsoleManager m, String agentId) {
    return m.problems().stream().filter(p -> p.agentId().equals(agentId)).toList();
  }

  private static Problem awaitProblem(ConsoleManager m, String agentId, String rule) {
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> problemsOf(m, agentId).stream().anyMatch(p -> p.rule().equals(rule)));
    return problemsOf(m, agentId).stream().filter(p -> p.rule().equals(rule)).findFirst().get();
  }

  private static AlertReport report(long sequence, Severity severity, AlertState state) {
    return new AlertReport(
        sequence, "disk", severity, state, 91, 90, System.currentTimeMillis() + sequence, "disk");
  }

  @Test
  void aRuleThatFiresEscalatesAndResolvesIsOneProblemUpdatedInPlace() throws Exception {
    ConsoleManager manager = console.manager();
    List<ProblemChange> changes = new CopyOnWriteArrayList<>();
    manager.subscribe(
        new FleetListener() {
          @Override
          public void problemChanged(ProblemChange change) {
            changes.add(change);
          }
        });
    try (TlsPeer agent = new TlsPeer(manager)) {
      agent.greet(manager.enroll(Operator.local(), Duration.ofMinutes(1), 1).token());
      String id = agent.agentId.toString();
      agent.writer.writeMessage(report(1, Severity.WARNING, AlertState.FIRING));
      agent.writer.writeMessage(report(2, Severity.CRITICAL, AlertState.FIRING));
      Problem firing = awaitProblem(manager, id, "disk");
      await().atMost(Duration.ofSeconds(10)).until(() -> changes.size() == 2);
      assertThat(problemsOf(manager, id))
          .singleElement()
          .satisfies(
              p -> {
                assertThat(p.severity()).isEqualTo(Severity.CRITICAL);
                assertThat(p.id()).isEqualTo(firing.id());
              });

      agent.writer.writeMessage(report(3, Severity.WARNING, AlertState.RESOLVED));
      await().atMost(Duration.ofSeconds(10)).until(() -> changes.size() == 3);
      assertThat(changes)
          .extracting(ProblemChange::kind)
          .containsExactly(
              ProblemChange.Kind.OPENED,
              ProblemChange.Kind.SEVERITY_CHANGED,
              ProblemChange.Kind.RESOLVED);
      assertThat(changes)
          .extracting(c -> c.problem().id())
          .as("the same problem throughout")
          .containsOnly(firing.id());
      assertThat(changes.getLast().problem().state()).isEqualTo(AlertState.RESOLVED);
      assertThat(problemsOf(manager, id)).as("a resolved problem leaves the active ones").isEmpty();
      assertThat(history(manager, "disk")).as("the history keeps every event").hasSize(3);
      int acks = 0;
      while (acks < 3) {
        if (agent.reader.readMessage() instanceof Ack) {
          acks++;
        }
      }
    }
  }

  @Test
  void restartingTheConsoleWithAgentsConnectedRaisesNoOfflineAlert() throws Exception {
    ConsoleManager first = console.manager();
    Agent a = console.quietAgent("a");
    Agent b = console.quietAgent("b");
    TestAgents.awaitStatus(first, a.id().toString(), AgentStatus.ONLINE);
    TestAgents.awaitStatus(first, b.id().toString(), AgentStatus.ONLINE);

    ConsoleManager second = restart(first, UnaryOperator.identity());
    assertThat(history(second, "agent.offline")).as("nothing raised by the stop").isEmpty();
    TestAgents.awaitStatus(second, a.id().toString(), AgentStatus.ONLINE);
    TestAgents.awaitStatus(second, b.id().toString(), AgentStatus.ONLINE);

    ConsoleManager third = restart(second, UnaryOperator.identity());
    TestAgents.awaitStatus(third, a.id().toString(), AgentStatus.ONLINE);
    TestAgents.awaitStatus(third, b.id().toString(), AgentStatus.ONLINE);
    assertThat(history(third, "agent.offline")).as("two restarts, zero offline alerts").isEmpty();
    assertThat(third.problems()).isEmpty();
  }

  @Test
  void anAgentConnectedAtTheStopThatNeverReconnectsGoesOfflineOnceItsGraceIsOver()
      throws Exception {
    ConsoleManager first = console.manager();
    Agent gone = console.quietAgent("gone");
    String id = gone.id().toString();
    TestAgents.awaitStatus(first, id, AgentStatus.ONLINE);
    int port = first.info().agentListener().getPort();
    first.close();
    gone.close(); // its machine went away while the console was down

    ConsoleManager second =
        new ConsoleManager(
            ManagerConfig.builder(console.dir("console"))
                .ports(port, 0)
                .reconnectGrace(Duration.ofSeconds(2))
                .build());
    restarted.add(second);
    second.start();
    assertThat(problemsOf(second, id)).as("within its grace").isEmpty();
    Problem offline = awaitProblem(second, id, "agent.offline");
    assertThat(offline.message()).contains("has not reconnected since the console started");
  }

  /**
   * Before: the agents connected were written only by a clean stop, so after a kill -9 or a power
   * loss none had a grace at the next start. Now the list is kept current while the console runs;
   * the store closed under the console stands for the crash (the stop can write nothing more).
   */
  @Test
  void afterAnAbruptStopTheAgentsConnectedBeforeStillGetTheirGrace() throws Exception {
    ConsoleManager first = console.manager();
    Agent gone = console.quietAgent("crash-gone");
    String id = gone.id().toString();
    TestAgents.awaitStatus(first, id, AgentStatus.ONLINE);
    ProblemTable running = new ProblemTable(first.store());
    await()
        .atMost(Duration.ofSeconds(10))
        .alias("written within a few seconds of the agent connecting, without a stop")
        .until(() -> running.onlineAtStop().contains(id));

    int port = first.info().agentListener().getPort();
    first.store().close(); // the crash: nothing the stop does reaches the store any more
    first.close();
    gone.close(); // its machine went away too

    ConsoleManager second =
        new ConsoleManager(
            ManagerConfig.builder(console.dir("console"))
                .ports(port, 0)
                .reconnectGrace(Duration.ofSeconds(2))
                .build());
    restarted.add(second);
    second.start();
    assertThat(new ProblemTable(second.store()).onlineAtStop()).contains(id);
    assertThat(problemsOf(second, id)).as("within its grace").isEmpty();
    Problem offline = awaitProblem(second, id, "agent.offline");
    assertThat(offline.message()).contains("has not reconnected since the console started");
  }

  @Test
  void forgettingAnAgentEndsItsProblemsAcrossRestarts() throws Exception {
    ConsoleManager manager = console.manager();
    Agent agent = console.alertingAgent("hot");
    String id = agent.id().toString();
    awaitProblem(manager, id, "cpu");
    List<ProblemChange> changes = new CopyOnWriteArrayList<>();
    manager.subscribe(
        new FleetListener() {
          @Override
          public void problemChanged(ProblemChange change) {
            changes.add(change);
          }
        });

    assertThat(manager.forget(Operator.local(), id)).isTrue();
    assertThat(problemsOf(manager, id)).isEmpty();
    assertThat(changes)
        .anySatisfy(
            c -> {
              assertThat(c.kind()).isEqualTo(ProblemChange.Kind.ENDED);
              assertThat(c.problem().rule()).isEqualTo("cpu");
              assertThat(c.problem().message()).contains("forgotten");
            });
    agent.close();

    ConsoleManager again = restart(manager, UnaryOperator.identity());
    assertThat(problemsOf(again, id)).as("still ended after a restart").isEmpty();
  }

  @Test
  void anAgentRestartedWithItsRuleStillFiringContinuesTheSameProblem() throws Exception {
    ConsoleManager manager = console.manager();
    Agent agent = console.alertingAgent("demo");
    String id = agent.id().toString();
    Problem cpu = awaitProblem(manager, id, "cpu");
    agent.close();
    awaitProblem(manager, id, "agent.offline");

    console.closeAfter(TestAgents.restartedAlerting(manager, console.dir("demo"), agent.id()));
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                history(manager, "cpu").stream()
                        .filter(e -> e.agentId().equals(id))
                        .filter(e -> e.alert().state() == AlertState.FIRING)
                        .count()
                    >= 2);
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                problemsOf(manager, id).stream().noneMatch(p -> p.rule().equals("agent.offline")));
    assertThat(problemsOf(manager, id))
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.rule()).isEqualTo("cpu");
              assertThat(p.id()).as("the same problem").isEqualTo(cpu.id());
              assertThat(p.sinceMillis()).isEqualTo(cpu.sinceMillis());
            });
  }

  /**
   * Before: a warning acknowledged stayed acknowledged when it became critical, so nobody noticed
   * the escalation. Now, as Icinga's non-sticky acknowledgement: an escalation clears it (and pops
   * up), a repeat or a de-escalation keeps it, and the history keeps the old acknowledgement.
   */
  @Test
  void anEscalationClearsTheAcknowledgementAndARepeatOrDeEscalationKeepsIt() throws Exception {
    ConsoleManager manager = console.manager();
    List<ProblemChange> changes = new CopyOnWriteArrayList<>();
    manager.subscribe(
        new FleetListener() {
          @Override
          public void problemChanged(ProblemChange change) {
            changes.add(change);
          }
        });
    Operator alice = new Operator("alice", "test");
    try (TlsPeer agent = new TlsPeer(manager)) {
      agent.greet(manager.enroll(Operator.local(), Duration.ofMinutes(1), 1).token());
      String id = agent.agentId.toString();
      agent.writer.writeMessage(report(1, Severity.WARNING, AlertState.FIRING));
      Problem warning = awaitProblem(manager, id, "disk");
      assertThat(manager.acknowledge(alice, warning.alertId(), "on it")).isTrue();
      await().until(() -> awaitProblem(manager, id, "disk").acknowledged());

      // The same severity again: still acknowledged.
      agent.writer.writeMessage(report(2, Severity.WARNING, AlertState.FIRING));
      await().until(() -> awaitProblem(manager, id, "disk").alertId() != warning.alertId());
      assertThat(awaitProblem(manager, id, "disk").acknowledgedBy()).isEqualTo("alice");

      // Escalated: the acknowledgement goes, and the change interrupts like a new critical.
      agent.writer.writeMessage(report(3, Severity.CRITICAL, AlertState.FIRING));
      await().until(() -> awaitProblem(manager, id, "disk").severity() == Severity.CRITICAL);
      Problem critical = awaitProblem(manager, id, "disk");
      assertThat(critical.acknowledged()).isFalse();
      assertThat(critical.acknowledgedAtMillis()).isZero();
      assertThat(critical.id()).isEqualTo(warning.id());
      assertThat(changes)
          .filteredOn(c -> c.kind() == ProblemChange.Kind.SEVERITY_CHANGED)
          .singleElement()
          .satisfies(
              c -> {
                assertThat(c.interrupts()).isTrue();
                assertThat(c.problem().acknowledged()).isFalse();
              });
      assertThat(manager.acknowledgement(warning.alertId()))
          .as("the history keeps the acknowledgement of the warning")
          .hasValueSatisfying(a -> assertThat(a.who()).isEqualTo("alice"));

      // Acknowledged again, then back to warning: kept.
      assertThat(manager.acknowledge(alice, critical.alertId(), "still on it")).isTrue();
      await().until(() -> awaitProblem(manager, id, "disk").acknowledged());
      agent.writer.writeMessage(report(4, Severity.WARNING, AlertState.FIRING));
      await().until(() -> awaitProblem(manager, id, "disk").severity() == Severity.WARNING);
      assertThat(awaitProblem(manager, id, "disk").acknowledgedBy()).isEqualTo("alice");
    }
    // Stored as it is now: a restarted console shows the same.
    ConsoleManager again = restart(manager, UnaryOperator.identity());
    assertThat(again.problems())
        .filteredOn(p -> p.rule().equals("disk"))
        .singleElement()
        .satisfies(p -> assertThat(p.acknowledgedBy()).isEqualTo("alice"));
  }

  @Test
  void acknowledgementAndSnoozeAreKeptOnTheProblemWithWhoAndUntil() throws Exception {
    ConsoleManager manager = console.manager();
    Agent agent = console.alertingAgent("web");
    String id = agent.id().toString();
    Problem cpu = awaitProblem(manager, id, "cpu");
    Operator alice = new Operator("alice", "test");
    Operator bob = new Operator("bob", "test");
    Instant until = Instant.now().plus(Duration.ofHours(1)).truncatedTo(ChronoUnit.MILLIS);

    assertThat(manager.acknowledge(alice, cpu.alertId(), "looking")).isTrue();
    manager.snooze(bob, id, "cpu", until);
    Problem marked = awaitProblem(manager, id, "cpu");
    assertThat(marked.acknowledgedBy()).isEqualTo("alice");
    assertThat(marked.acknowledgedAtMillis()).isPositive();
    assertThat(marked.snoozedBy()).isEqualTo("bob");
    assertThat(marked.snoozedUntilMillis()).isEqualTo(until.toEpochMilli());

    agent.close();
    ConsoleManager again = restart(manager, UnaryOperator.identity());
    assertThat(problemsOf(again, id))
        .filteredOn(p -> p.rule().equals("cpu"))
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.id()).isEqualTo(cpu.id());
              assertThat(p.acknowledgedBy()).isEqualTo("alice");
              assertThat(p.snoozedBy()).isEqualTo("bob");
              assertThat(p.snoozedUntilMillis()).isEqualTo(until.toEpochMilli());
            });
  }

  /** Before: the "went offline" row of an earlier run stayed FIRING after the agent came back. */
  @Test
  void anOfflineProblemFromBeforeARestartResolvesWhenTheAgentReturns() throws Exception {
    ConsoleManager first = console.manager();
    Agent agent = console.quietAgent("away");
    String id = agent.id().toString();
    TestAgents.awaitStatus(first, id, AgentStatus.ONLINE);
    agent.close();
    Problem offline = awaitProblem(first, id, "agent.offline");

    ConsoleManager second = restart(first, UnaryOperator.identity());
    assertThat(problemsOf(second, id)).extracting(Problem::id).containsExactly(offline.id());
    console.closeAfter(TestAgents.restarted(second, console.dir("away"), agent.id()));
    await().atMost(Duration.ofSeconds(20)).until(() -> problemsOf(second, id).isEmpty());
    assertThat(history(second, "agent.offline"))
        .extracting(e -> e.alert().state())
        .containsExactly(AlertState.RESOLVED, AlertState.FIRING);
  }
}
