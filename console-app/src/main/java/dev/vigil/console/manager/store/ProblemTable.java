package dev.vigil.console.manager.store;

import dev.vigil.console.manager.api.Problem;
import dev.vigil.protocol.message.AlertState;
import dev.vigil.protocol.message.Severity;
import java.io.IOException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The problems in the store (one row per agent and rule from first alert to resolution), the agents
 * online when the console last stopped, and who snoozed what. Thread-safe: it works under the
 * store's one lock.
 */
public final class ProblemTable {
  private static final String COLUMNS =
      "id, agent_id, hostname, rule, severity, state, since, updated, value, message, alert_id,"
          + " acked_by, acked_at, snoozed_by, snoozed_until";

  private final ConsoleStore store;

  public ProblemTable(ConsoleStore store) {
    this.store = store;
  }

  /** The active problems, newest change first. */
  public List<Problem> active() {
    return run(
        db -> {
          List<Problem> rows = new ArrayList<>();
          try (Statement s = db.createStatement();
              ResultSet r =
                  s.executeQuery(
                      "SELECT "
                          + COLUMNS
                          + " FROM problems WHERE state = 'FIRING' ORDER BY updated DESC")) {
            while (r.next()) {
              rows.add(problem(r));
            }
          }
          return rows;
        });
  }

  /** Stores a new problem; returns it with its id. */
  public Problem insert(Problem p) {
    return run(
        db -> {
          try (PreparedStatement s =
              db.prepareStatement(
                  "INSERT INTO problems(agent_id, hostname, rule, severity, state, since, updated,"
                      + " value, message, alert_id, acked_by, acked_at, snoozed_by, snoozed_until)"
                      + " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                  Statement.RETURN_GENERATED_KEYS)) {
            s.setString(1, p.agentId());
            s.setString(2, p.hostname());
            s.setString(3, p.rule());
            bindMutable(s, 4, p);
            s.executeUpdate();
            try (ResultSet keys = s.getGeneratedKeys()) {
              keys.next();
              return p.withId(keys.getLong(1));
            }
          }
        });
  }

  /** Writes a problem's new state, severity, value, acknowledgement and snooze in place. */
  public void update(Problem p) {
    run(
        db -> {
          try (PreparedStatement s =
              db.prepareStatement(
                  "UPDATE problems SET severity = ?, state = ?, since = ?, updated = ?, value = ?,"
                      + " message = ?, alert_id = ?, acked_by = ?, acked_at = ?, snoozed_by = ?,"
                      + " snoozed_until = ?, hostname = ? WHERE id = ?")) {
            bindMutable(s, 1, p);
            s.setString(12, p.hostname());
            s.setLong(13, p.id());
            return s.executeUpdate();
          }
        });
  }

  private static void bindMutable(PreparedStatement s, int from, Problem p) throws SQLException {
    int i = from;
    s.setString(i++, p.severity().name());
    s.setString(i++, p.state().name());
    s.setLong(i++, p.sinceMillis());
    s.setLong(i++, p.updatedMillis());
    s.setDouble(i++, p.value());
    s.setString(i++, p.message());
    s.setLong(i++, p.alertId());
    s.setString(i++, p.acknowledged() ? p.acknowledgedBy() : null);
    s.setLong(i++, p.acknowledgedAtMillis());
    s.setString(i++, p.snoozedBy().isEmpty() ? null : p.snoozedBy());
    s.setLong(i, p.snoozedUntilMillis());
  }

  /** Remembers who snoozed an agent's rule ({@code *}: all rules); the snooze itself is stored. */
  public void snoozedBy(String agentId, String rule, String who) {
    run(
        db -> {
          try (PreparedStatement s =
              db.prepareStatement(
                  "UPDATE snoozes SET snoozed_by = ? WHERE agent_id = ? AND rule = ?")) {
            s.setString(1, who);
            s.setString(2, agentId);
            s.setString(3, rule);
            return s.executeUpdate();
          }
        });
  }

  /** Who snoozed each running snooze, by agent id and rule ({@code agent/rule}). */
  public Map<String, String> snoozers(long nowMillis) {
    return run(
        db -> {
          Map<String, String> who = new HashMap<>();
          try (PreparedStatement s =
              db.prepareStatement(
                  "SELECT agent_id, rule, snoozed_by FROM snoozes"
                      + " WHERE until > ? AND snoozed_by IS NOT NULL")) {
            s.setLong(1, nowMillis);
            try (ResultSet r = s.executeQuery()) {
              while (r.next()) {
                who.put(Problem.key(r.getString(1), r.getString(2)), r.getString(3));
              }
            }
          }
          return who;
        });
  }

  /** Replaces the agents remembered as online at the console's stop, in one transaction. */
  public void rememberOnline(Collection<String> agentIds) {
    run(
        db -> {
          db.setAutoCommit(false);
          try (Statement clear = db.createStatement();
              PreparedStatement add =
                  db.prepareStatement(
                      "INSERT OR IGNORE INTO online_at_stop(agent_id) VALUES (?)")) {
            clear.execute("DELETE FROM online_at_stop");
            for (String id : agentIds) {
              add.setString(1, id);
              add.addBatch();
            }
            add.executeBatch();
            db.commit();
          } catch (SQLException e) {
            db.rollback();
            throw e;
          } finally {
            db.setAutoCommit(true);
          }
          return null;
        });
  }

  /**
   * The agents connected when the console last stopped, as it last wrote them (it keeps them
   * current while it runs).
   */
  public Set<String> onlineAtStop() {
    return run(
        db -> {
          Set<String> ids = new HashSet<>();
          try (Statement s = db.createStatement();
              ResultSet r = s.executeQuery("SELECT agent_id FROM online_at_stop")) {
            while (r.next()) {
              ids.add(r.getString(1));
            }
          }
          return ids;
        });
  }

  /** One alert of the history by its id, if the history still has it. */
  public java.util.Optional<dev.vigil.console.manager.api.AlertEvent> alert(long alertId) {
    return run(
        db -> {
          try (PreparedStatement s =
              db.prepareStatement(
                  "SELECT id, agent_id, hostname, channel, sequence, rule, severity, state, value,"
                      + " threshold, raised_at, received_at, message, snoozed FROM alerts"
                      + " WHERE id = ?")) {
            s.setLong(1, alertId);
            try (ResultSet r = s.executeQuery()) {
              return r.next()
                  ? java.util.Optional.of(ConsoleStore.alertEvent(r))
                  : java.util.Optional.empty();
            }
          }
        });
  }

  static Problem problem(ResultSet r) throws SQLException {
    String acked = r.getString(12);
    String snoozer = r.getString(14);
    return new Problem(
        r.getLong(1),
        r.getString(2),
        r.getString(3),
        r.getString(4),
        Severity.valueOf(r.getString(5)),
        AlertState.valueOf(r.getString(6)),
        r.getLong(7),
        r.getLong(8),
        r.getDouble(9),
        r.getString(10),
        r.getLong(11),
        acked,
        acked == null ? 0 : r.getLong(13),
        snoozer,
        r.getLong(15));
  }

  private <T> T run(ConsoleStore.SqlWork<T> work) {
    if (store.isClosed()) {
      throw new ConsoleStore.StoreException("the store is closed: the console is stopping", null);
    }
    try {
      return store.locked(work);
    } catch (SQLException | IOException e) {
      throw new ConsoleStore.StoreException("cannot use the problems: " + e.getMessage(), e);
    }
  }
}
