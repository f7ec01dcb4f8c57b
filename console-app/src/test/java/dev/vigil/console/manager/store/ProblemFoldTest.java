package dev.vigil.console.manager.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.console.manager.api.Problem;
import dev.vigil.protocol.message.AlertState;
import dev.vigil.protocol.message.Severity;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Yesterday's store opens, and its alert rows become problems: an (agent, rule) whose newest row is
 * FIRING is one active problem since the first FIRING after its last RESOLVED; one whose newest row
 * is RESOLVED is over, however many FIRING rows it had (issue 17: "A FIRING row stayed red and
 * FIRING after its RESOLVED row appeared", "each demo restart added another FIRING CPU alert").
 */
class ProblemFoldTest {
  @TempDir Path data;

  private void alert(Statement s, String agent, String rule, String severity, String state, long at)
      throws Exception {
    s.execute(
        "INSERT INTO alerts(agent_id, hostname, channel, sequence, rule, severity, state, value,"
            + " threshold, raised_at, received_at, message, snoozed) VALUES ('"
            + agent
            + "', 'host-"
            + agent
            + "', 'TCP', "
            + at
            + ", '"
            + rule
            + "', '"
            + severity
            + "', '"
            + state
            + "', 95, 90, "
            + at
            + ", "
            + at
            + ", '"
            + rule
            + " "
            + state
            + " at "
            + at
            + "', 0)");
  }

  @Test
  void firingRowsOfAnOlderStoreAreFoldedIntoOneProblemPerAgentAndRule() throws Exception {
    try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + data.resolve("vigil.db"));
        Statement s = db.createStatement()) {
      Schema.migrate(db, 3);
      // a: fired, resolved, fired twice (two demo restarts), escalated: one active problem.
      alert(s, "a", "cpu", "WARNING", "FIRING", 100);
      alert(s, "a", "cpu", "WARNING", "RESOLVED", 200);
      alert(s, "a", "cpu", "WARNING", "FIRING", 300);
      alert(s, "a", "cpu", "WARNING", "FIRING", 400);
      alert(s, "a", "cpu", "CRITICAL", "FIRING", 500);
      s.execute("UPDATE alerts SET acked_by = 'alice', acked_at = 450 WHERE raised_at = 400");
      // b: its FIRING row stayed red after its RESOLVED row: over.
      alert(s, "b", "memory", "WARNING", "FIRING", 100);
      alert(s, "b", "memory", "WARNING", "RESOLVED", 150);
      // c: went offline at the console's stop and never came back: active.
      alert(s, "c", "agent.offline", "WARNING", "FIRING", 600);
    }

    try (ConsoleStore store = new ConsoleStore(data)) {
      ProblemTable problems = new ProblemTable(store);
      assertThat(problems.active())
          .extracting(Problem::agentId, Problem::rule)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple("c", "agent.offline"),
              org.assertj.core.groups.Tuple.tuple("a", "cpu"));
      Problem a = problems.active().get(1);
      assertThat(a.state()).isEqualTo(AlertState.FIRING);
      assertThat(a.severity()).isEqualTo(Severity.CRITICAL);
      assertThat(a.sinceMillis()).as("since the first FIRING after the RESOLVED").isEqualTo(300);
      assertThat(a.updatedMillis()).isEqualTo(500);
      assertThat(a.acknowledgedBy()).isEqualTo("alice");
      assertThat(a.acknowledgedAtMillis()).isEqualTo(450);
      assertThat(store.alertHistory(dev.vigil.console.manager.api.AlertQuery.newest(100)))
          .as("the history keeps every event")
          .hasSize(8);
    }
  }
}
