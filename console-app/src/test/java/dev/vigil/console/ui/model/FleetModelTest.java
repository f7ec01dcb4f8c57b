package dev.vigil.console.ui.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.console.manager.api.AgentSnapshot;
import dev.vigil.console.manager.api.AgentStatus;
import dev.vigil.console.manager.api.AlertEvent;
import dev.vigil.console.manager.api.CommandOutcome;
import dev.vigil.console.manager.api.Problem;
import dev.vigil.console.manager.api.ProblemChange;
import dev.vigil.console.manager.api.ProblemChange.Kind;
import dev.vigil.protocol.command.Command;
import dev.vigil.protocol.message.AlertReport;
import dev.vigil.protocol.message.AlertState;
import dev.vigil.protocol.message.Severity;
import dev.vigil.protocol.message.StatsReport;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The model needs no toolkit: observable lists and properties work without one. */
class FleetModelTest {
  private final FleetModel model = new FleetModel();

  private static AgentSnapshot snapshot(String id, AgentStatus status, double cpu) {
    return new AgentSnapshot(
        id,
        "host-" + id,
        "Linux",
        "10.0.0.1",
        status,
        List.of("restart"),
        new StatsReport(1, cpu, 1L << 30, 4L << 30, 100),
        1000,
        "SHA256:test");
  }

  /** What the manager's problems would send: problem {@code problemId} after alert {@code seq}. */
  private static ProblemChange change(
      long problemId, String agent, String rule, AlertState state, Kind kind, long seq) {
    return change(problemId, agent, rule, state, kind, seq, false);
  }

  private static ProblemChange change(
      long problemId,
      String agent,
      String rule,
      AlertState state,
      Kind kind,
      long seq,
      boolean snoozed) {
    AlertEvent cause =
        new AlertEvent(
            seq,
            agent,
            "host-" + agent,
            new AlertReport(seq, rule, Severity.WARNING, state, 95, 90, seq, rule + " high"),
            AlertEvent.Channel.TCP,
            seq,
            snoozed);
    Problem p =
        new Problem(
            problemId,
            agent,
            "host-" + agent,
            rule,
            Severity.WARNING,
            state,
            1,
            seq,
            90 + seq,
            rule + " high",
            seq,
            "",
            0,
            snoozed ? "bob" : "",
            snoozed ? Long.MAX_VALUE : 0);
    return new ProblemChange(p, kind, cause);
  }

  @Test
  void activeProblemsAreCountedPerAgentAndInTotalAsRulesFireAndResolve() {
    model.agentChanged(snapshot("a", AgentStatus.ONLINE, 1));
    model.agentChanged(snapshot("b", AgentStatus.ONLINE, 1));
    model.drain();
    AgentRow a = model.row("a").orElseThrow();
    AgentRow b = model.row("b").orElseThrow();
    model.problemChanged(change(1, "a", "cpu", AlertState.FIRING, Kind.OPENED, 1));
    model.problemChanged(change(2, "a", "memory", AlertState.FIRING, Kind.OPENED, 2));
    model.problemChanged(change(1, "a", "cpu", AlertState.FIRING, Kind.REPEATED, 3));
    model.problemChanged(change(3, "b", "disk", AlertState.FIRING, Kind.OPENED, 4));
    model.drain();
    assertThat(a.activeAlertsProperty().get()).isEqualTo(2);
    assertThat(b.activeAlertsProperty().get()).isEqualTo(1);
    assertThat(model.firingProperty().get()).isEqualTo(3);
    assertThat(model.alerts()).as("one line per problem").hasSize(3);

    model.problemChanged(change(1, "a", "cpu", AlertState.RESOLVED, Kind.RESOLVED, 5));
    model.drain();
    assertThat(a.activeAlertsProperty().get()).isEqualTo(1);
    assertThat(model.firingProperty().get()).isEqualTo(2);

    // An agent whose problems came before its first report shows them when its row appears.
    model.problemChanged(change(4, "c", "cpu", AlertState.FIRING, Kind.OPENED, 6));
    model.drain();
    model.agentChanged(snapshot("c", AgentStatus.ONLINE, 1));
    model.drain();
    assertThat(model.row("c").orElseThrow().activeAlertsProperty().get()).isEqualTo(1);
  }

  @Test
  void memoryIsShownInTenthsOfAGibAndOnlyChangesWhenTheTenthsDo() {
    long gib = 1L << 30;
    AgentSnapshot first = snapshot("a", AgentStatus.ONLINE, 10);
    model.agentChanged(withMemory(first, gib * 3 / 2, 16 * gib));
    model.drain();
    AgentRow row = model.rows().get(0);
    assertThat(row.memoryTextProperty().get()).isEqualTo("1.5 / 16.0 GiB");
    List<String> seen = new java.util.ArrayList<>();
    row.memoryTextProperty().addListener((obs, was, now) -> seen.add(now));

    model.agentChanged(withMemory(first, gib * 3 / 2 + (gib / 100), 16 * gib)); // 1.51 GiB
    model.drain();
    model.agentChanged(withMemory(first, gib * 156 / 100, 16 * gib)); // 1.56 GiB
    model.drain();
    model.agentChanged(withMemory(first, gib / 20 - 1, gib * 10)); // 0.0499 GiB
    model.drain();
    assertThat(seen).containsExactly("1.6 / 16.0 GiB", "0.0 / 10.0 GiB");
  }

  private static AgentSnapshot withMemory(AgentSnapshot s, long used, long total) {
    return new AgentSnapshot(
        s.agentId(),
        s.hostname(),
        s.os(),
        s.address(),
        s.status(),
        s.allowedCommands(),
        new StatsReport(1, 10, used, total, 100),
        s.lastSeenMillis(),
        s.fingerprint());
  }

  @Test
  void nothingReachesTheRowsUntilTheFxThreadDrains() {
    model.agentChanged(snapshot("a", AgentStatus.ONLINE, 10));
    assertThat(model.rows()).isEmpty();
    model.drain();
    assertThat(model.rows()).hasSize(1);
  }

  @Test
  void manyUpdatesInOnePulseCollapseToTheNewestAndUpdateTheRowInPlace() {
    model.agentChanged(snapshot("a", AgentStatus.ONLINE, 10));
    model.drain();
    AgentRow row = model.rows().get(0);
    List<Object> changes = new ArrayList<>();
    row.cpuPercentProperty().addListener((obs, was, now) -> changes.add(now));
    for (int i = 1; i <= 50; i++) {
      model.agentChanged(snapshot("a", AgentStatus.ONLINE, i));
    }
    model.drain();
    assertThat(model.rows()).containsExactly(row);
    assertThat(changes).containsExactly(50.0);
    assertThat(row.memoryPercentProperty().get()).isEqualTo(25.0);
  }

  @Test
  void countsFollowStatusChanges() {
    model.agentChanged(snapshot("a", AgentStatus.ONLINE, 1));
    model.agentChanged(snapshot("b", AgentStatus.ONLINE, 1));
    model.drain();
    assertThat(model.onlineProperty().get()).isEqualTo(2);
    model.agentChanged(snapshot("b", AgentStatus.OFFLINE, 1));
    model.drain();
    assertThat(model.onlineProperty().get()).isEqualTo(1);
    assertThat(model.offlineProperty().get()).isEqualTo(1);
  }

  @Test
  void aProblemIsOneLineUpdatedInPlaceAndOnlyItsNewsGoesToTheNotifier() {
    List<List<AlertEvent>> batches = new ArrayList<>();
    model.onAlerts(batches::add);
    model.problemChanged(change(1, "a", "cpu", AlertState.FIRING, Kind.OPENED, 1));
    model.problemChanged(change(2, "b", "cpu", AlertState.FIRING, Kind.OPENED, 2));
    model.drain();
    model.drain();
    assertThat(batches).hasSize(1);
    assertThat(batches.get(0)).hasSize(2);
    assertThat(model.alerts()).extracting(AlertEntry::agentId).containsExactly("b", "a");
    assertThat(model.firingProperty().get()).isEqualTo(2);

    // The same problem again (the agent restarted): its line changes where it stands, no popup.
    model.problemChanged(change(1, "a", "cpu", AlertState.FIRING, Kind.REPEATED, 3));
    model.drain();
    assertThat(batches).hasSize(1);
    assertThat(model.alerts()).extracting(AlertEntry::agentId).containsExactly("b", "a");
    assertThat(model.alerts().get(1).value()).isEqualTo(93);

    model.problemChanged(change(1, "a", "cpu", AlertState.RESOLVED, Kind.RESOLVED, 4));
    model.drain();
    assertThat(batches).hasSize(2);
    assertThat(model.firingProperty().get()).isEqualTo(1);
    assertThat(model.alerts().get(1).state())
        .as("resolved in place")
        .isEqualTo(AlertState.RESOLVED);

    // A snoozed problem's resolution updates its line quietly.
    model.problemChanged(change(2, "b", "cpu", AlertState.RESOLVED, Kind.RESOLVED, 5, true));
    model.drain();
    assertThat(batches).hasSize(2);
    assertThat(model.alerts().get(0).state()).isEqualTo(AlertState.RESOLVED);
    assertThat(model.alerts().get(0).snoozedBy()).isEqualTo("bob");
    assertThat(model.firingProperty().get()).isZero();
  }

  @Test
  void theFeedIsBoundedAndDropsResolvedProblemsFirst() {
    for (int i = 1; i <= 10; i++) {
      model.problemChanged(change(i, "a", "r" + i, AlertState.FIRING, Kind.OPENED, i));
      model.problemChanged(change(i, "a", "r" + i, AlertState.RESOLVED, Kind.RESOLVED, i));
    }
    for (int i = 11; i <= FleetModel.FEED_LIMIT + 5; i++) {
      model.problemChanged(change(i, "a", "r" + i, AlertState.FIRING, Kind.OPENED, i));
    }
    model.drain();
    assertThat(model.alerts()).hasSize(FleetModel.FEED_LIMIT);
    assertThat(model.alerts().get(0).raisedAtMillis()).isEqualTo(FleetModel.FEED_LIMIT + 5);
    assertThat(model.alerts().stream().filter(AlertEntry::active))
        .as("every active problem kept")
        .hasSize(FleetModel.FEED_LIMIT - 5);
  }

  @Test
  void commandOutcomesShowInTheRow() {
    model.agentChanged(snapshot("a", AgentStatus.ONLINE, 1));
    model.commandUpdated(
        new CommandOutcome(
            "c", "a", "host-a", Command.RESTART, CommandOutcome.Status.SENT, "sent"));
    model.drain();
    AgentRow row = model.row("a").orElseThrow();
    assertThat(row.lastCommandProperty().get()).isEqualTo("restart: sent…");
    model.commandUpdated(
        new CommandOutcome(
            "c",
            "a",
            "host-a",
            Command.RESTART,
            CommandOutcome.Status.SUCCEEDED,
            "dry run: would run 'x'"));
    model.drain();
    assertThat(row.lastCommandProperty().get()).isEqualTo("restart: dry run: would run 'x'");
  }

  @Test
  void aLongCommandAnswerStaysOneLineInTheRow() {
    model.agentChanged(snapshot("a", AgentStatus.ONLINE, 1));
    model.commandUpdated(
        new CommandOutcome(
            "c", "a", "host-a", Command.KILL, CommandOutcome.Status.FAILED, "line one\nline two"));
    model.commandUpdated(
        new CommandOutcome(
            "d",
            "a",
            "host-a",
            Command.PROCESSES,
            CommandOutcome.Status.SUCCEEDED,
            "PID NAME\n1 init"));
    model.drain();
    assertThat(model.row("a").orElseThrow().lastCommandProperty().get())
        .isEqualTo("processes: listed the top processes");
    assertThat(
            new CommandOutcome(
                    "c",
                    "a",
                    "host-a",
                    Command.KILL,
                    CommandOutcome.Status.FAILED,
                    "line one\nline two")
                .summary())
        .isEqualTo("failed: line one …");
  }
}
