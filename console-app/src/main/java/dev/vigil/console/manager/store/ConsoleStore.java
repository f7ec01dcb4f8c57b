package dev.vigil.console.manager.store;

import dev.vigil.console.manager.api.Acknowledgement;
import dev.vigil.console.manager.api.AlertEvent;
import dev.vigil.console.manager.api.AlertQuery;
import dev.vigil.console.manager.api.CheckMinute;
import dev.vigil.console.manager.api.Metric;
import dev.vigil.console.manager.api.MinuteAggregate;
import dev.vigil.protocol.message.AlertReport;
import dev.vigil.protocol.message.AlertState;
import dev.vigil.protocol.message.Severity;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The console's embedded store: SQLite in the data directory, WAL mode, versioned schema
 * migrations. Keeps alert history and the audit log of commands. An alert is written here before
 * the console acknowledges it to its agent, so an acknowledged alert survives the console being
 * killed. Thread-safe (one connection, one lock; writes are small and rare).
 *
 * <p>About 400 lines because every table's SQL shares its one connection and lock; the schema
 * ({@link Schema}), the CSV files ({@link CsvExport}), the audit log ({@link AuditLog}) and its
 * thread ({@link AuditWriter}) live apart.
 */
public final class ConsoleStore implements AutoCloseable {
  private final Connection db;
  private final ReentrantLock lock = new ReentrantLock();
  private volatile boolean closed;

  /**
   * Opens (creating or upgrading) {@code dataDir/vigil.db}.
   *
   * @throws IOException when the file cannot be opened or is not a Vigil store, saying what to do
   */
  public ConsoleStore(Path dataDir) throws IOException {
    Path file = dataDir.resolve("vigil.db");
    try {
      db = DriverManager.getConnection("jdbc:sqlite:" + file);
      try (Statement s = db.createStatement()) {
        s.execute("PRAGMA journal_mode=WAL");
        s.execute("PRAGMA synchronous=NORMAL");
        s.execute("PRAGMA busy_timeout=5000");
      }
      Schema.migrate(db);
    } catch (SQLException e) {
      throw new IOException(
          file
              + " cannot be used as the console's store ("
              + e.getMessage()
              + "). Move it aside"
              + " to start with an empty history, or restore it from a backup.",
          e);
    }
  }

  /**
   * Stores an accepted alert.
   *
   * @return the alert's id in the history, or -1 when the store already had it (same agent and
   *     sequence)
   */
  public long insertAlert(AlertEvent e) {
    if (closed) {
      throw new StoreException("the store is closed: the console is stopping", null);
    }
    lock.lock();
    try (PreparedStatement p =
        db.prepareStatement(
            "INSERT OR IGNORE INTO alerts(agent_id, hostname, channel, sequence, rule, severity,"
                + " state, value, threshold, raised_at, received_at, message, snoozed)"
                + " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
            Statement.RETURN_GENERATED_KEYS)) {
      p.setString(1, e.agentId());
      p.setString(2, e.hostname());
      p.setString(3, e.channel().name());
      p.setLong(4, e.alert().sequence());
      p.setString(5, e.alert().rule());
      p.setString(6, e.alert().severity().name());
      p.setString(7, e.alert().state().name());
      p.setDouble(8, e.alert().value());
      p.setDouble(9, e.alert().threshold());
      p.setLong(10, e.alert().raisedAtMillis());
      p.setLong(11, e.receivedAtMillis());
      p.setString(12, e.alert().message());
      p.setInt(13, e.snoozed() ? 1 : 0);
      if (p.executeUpdate() != 1) {
        return -1;
      }
      try (ResultSet keys = p.getGeneratedKeys()) {
        keys.next();
        return keys.getLong(1);
      }
    } catch (SQLException ex) {
      throw new StoreException("cannot store an alert: " + ex.getMessage(), ex);
    } finally {
      lock.unlock();
    }
  }

  /**
   * Records an operator's acknowledgement of an alert.
   *
   * @return false when the history has no alert with that id
   */
  public boolean acknowledge(Acknowledgement a) {
    return update(
            "UPDATE alerts SET acked_by = ?, acked_at = ?, ack_note = ? WHERE id = ?",
            p -> {
              p.setString(1, a.who());
              p.setLong(2, a.atMillis());
              p.setString(3, a.note());
              p.setLong(4, a.alertId());
            })
        == 1;
  }

  /** The acknowledgement of an alert in the history, if any. */
  public Optional<Acknowledgement> acknowledgement(long alertId) {
    return query(
            "SELECT acked_by, acked_at, ack_note FROM alerts WHERE id = ? AND acked_by IS NOT NULL",
            p -> p.setLong(1, alertId),
            r -> new Acknowledgement(alertId, r.getString(1), r.getLong(2), r.getString(3)))
        .stream()
        .findFirst();
  }

  /** Remembers a snooze; {@code rule} is {@code *} for all of an agent's rules. */
  public void snooze(String agentId, String rule, long untilMillis) {
    update(
        "INSERT OR REPLACE INTO snoozes(agent_id, rule, until) VALUES (?,?,?)",
        p -> {
          p.setString(1, agentId);
          p.setString(2, rule);
          p.setLong(3, untilMillis);
        });
  }

  /** Snoozes that have not ended, as (agent id, rule, until). */
  public List<Snooze> snoozes(long nowMillis) {
    return query(
        "SELECT agent_id, rule, until FROM snoozes WHERE until > ?",
        p -> p.setLong(1, nowMillis),
        r -> new Snooze(r.getString(1), r.getString(2), r.getLong(3)));
  }

  /** A snooze as stored: an agent's rule ({@code *} for all) is quiet until a time. */
  public record Snooze(String agentId, String rule, long untilMillis) {}

  /** The newest alerts in the history, newest first, with their ids. */
  public List<AlertEvent> recentAlerts(int limit) {
    return query(
        "SELECT id, agent_id, hostname, channel, sequence, rule, severity, state, value,"
            + " threshold, raised_at, received_at, message, snoozed FROM alerts"
            + " ORDER BY id DESC LIMIT ?",
        p -> p.setInt(1, limit),
        ConsoleStore::alertEvent);
  }

  /**
   * Alerts in the history, newest first, optionally only of one agent, of some severities, or
   * received in a time range.
   */
  public List<AlertEvent> alertHistory(AlertQuery q) {
    StringBuilder sql =
        new StringBuilder(
            "SELECT id, agent_id, hostname, channel, sequence, rule, severity, state, value,"
                + " threshold, raised_at, received_at, message, snoozed FROM alerts"
                + " WHERE received_at >= ? AND received_at < ?");
    if (q.agentId() != null) {
      sql.append(" AND agent_id = ?");
    }
    if (!q.severities().isEmpty()) {
      sql.append(" AND severity IN (")
          .append(String.join(",", java.util.Collections.nCopies(q.severities().size(), "?")))
          .append(")");
    }
    sql.append(" ORDER BY id DESC LIMIT ?");
    return query(
        sql.toString(),
        p -> {
          int i = 1;
          p.setLong(i++, q.fromMillis());
          p.setLong(i++, q.toMillis());
          if (q.agentId() != null) {
            p.setString(i++, q.agentId());
          }
          for (var s : q.severities()) {
            p.setString(i++, s.name());
          }
          p.setInt(i, q.limit());
        },
        ConsoleStore::alertEvent);
  }

  static AlertEvent alertEvent(ResultSet r) throws SQLException {
    return new AlertEvent(
        r.getLong(1),
        r.getString(2),
        r.getString(3),
        new AlertReport(
            r.getLong(5),
            r.getString(6),
            Severity.valueOf(r.getString(7)),
            AlertState.valueOf(r.getString(8)),
            r.getDouble(9),
            r.getDouble(10),
            r.getLong(11),
            r.getString(13)),
        AlertEvent.Channel.valueOf(r.getString(4)),
        r.getLong(12),
        r.getInt(14) != 0);
  }

  /** Writes completed one-minute aggregates in one transaction. */
  public void insertMinutes(List<MinuteAggregate> rows) {
    insertStoredMinutes(
        rows.stream()
            .map(
                a ->
                    new StoredMinute(
                        a.agentId(),
                        a.minuteMillis(),
                        a.metric().key(),
                        a.samples(),
                        a.min(),
                        a.avg(),
                        a.max()))
            .toList());
  }

  /** A row of metrics_minute, whichever figure it summarises. */
  private record StoredMinute(
      String agentId,
      long minuteMillis,
      String metric,
      int samples,
      double min,
      double avg,
      double max) {}

  private void insertStoredMinutes(List<StoredMinute> rows) {
    if (rows.isEmpty()) {
      return;
    }
    lock.lock();
    try (PreparedStatement p =
        db.prepareStatement(
            "INSERT OR REPLACE INTO metrics_minute(agent_id, minute, metric, samples, min, avg,"
                + " max) VALUES (?,?,?,?,?,?,?)")) {
      db.setAutoCommit(false);
      for (StoredMinute a : rows) {
        p.setString(1, a.agentId());
        p.setLong(2, a.minuteMillis());
        p.setString(3, a.metric());
        p.setInt(4, a.samples());
        p.setDouble(5, a.min());
        p.setDouble(6, a.avg());
        p.setDouble(7, a.max());
        p.addBatch();
      }
      p.executeBatch();
      db.commit();
    } catch (SQLException ex) {
      rollbackQuietly();
      throw new StoreException("cannot store metric history: " + ex.getMessage(), ex);
    } finally {
      autoCommitQuietly();
      lock.unlock();
    }
  }

  /** One agent's one-minute aggregates of a metric from {@code from} (inclusive) to {@code to}. */
  public List<MinuteAggregate> minutes(
      String agentId, Metric metric, long fromMillis, long toMillis) {
    return query(
        "SELECT minute, samples, min, avg, max FROM metrics_minute WHERE agent_id = ? AND metric = ?"
            + " AND minute >= ? AND minute < ? ORDER BY minute",
        p -> {
          p.setString(1, agentId);
          p.setString(2, metric.key());
          p.setLong(3, fromMillis);
          p.setLong(4, toMillis);
        },
        r ->
            new MinuteAggregate(
                agentId,
                r.getLong(1),
                metric,
                r.getInt(2),
                r.getDouble(3),
                r.getDouble(4),
                r.getDouble(5)));
  }

  /** Writes completed minutes of the checks' figures, beside the built-in metrics' minutes. */
  public void insertCheckMinutes(List<CheckMinute> rows) {
    insertStoredMinutes(
        rows.stream()
            .map(
                m ->
                    new StoredMinute(
                        m.agentId(),
                        m.minuteMillis(),
                        m.key(),
                        m.samples(),
                        m.min(),
                        m.avg(),
                        m.max()))
            .toList());
  }

  /**
   * One agent's stored minutes of one check's figure from {@code from} (inclusive) to {@code to}.
   */
  public List<CheckMinute> checkMinutes(
      String agentId, String check, String metric, long fromMillis, long toMillis) {
    return query(
        "SELECT minute, samples, min, avg, max FROM metrics_minute WHERE agent_id = ? AND metric = ?"
            + " AND minute >= ? AND minute < ? ORDER BY minute",
        p -> {
          p.setString(1, agentId);
          p.setString(2, CheckMinute.key(check, metric));
          p.setLong(3, fromMillis);
          p.setLong(4, toMillis);
        },
        r ->
            new CheckMinute(
                agentId,
                r.getLong(1),
                check,
                metric,
                r.getInt(2),
                r.getDouble(3),
                r.getDouble(4),
                r.getDouble(5)));
  }

  /** Deletes metric history older than a time; returns how many rows went. */
  public int pruneMinutes(long beforeMillis) {
    return update("DELETE FROM metrics_minute WHERE minute < ?", p -> p.setLong(1, beforeMillis));
  }

  private interface Binder {
    void bind(PreparedStatement p) throws SQLException;
  }

  private interface RowMapper<T> {
    T map(ResultSet r) throws SQLException;
  }

  private int update(String sql, Binder binder) {
    lock.lock();
    try (PreparedStatement p = db.prepareStatement(sql)) {
      binder.bind(p);
      return p.executeUpdate();
    } catch (SQLException ex) {
      throw new StoreException("cannot write to the store: " + ex.getMessage(), ex);
    } finally {
      lock.unlock();
    }
  }

  private <T> List<T> query(String sql, Binder binder, RowMapper<T> mapper) {
    lock.lock();
    try (PreparedStatement p = db.prepareStatement(sql)) {
      binder.bind(p);
      List<T> rows = new ArrayList<>();
      try (ResultSet r = p.executeQuery()) {
        while (r.next()) {
          rows.add(mapper.map(r));
        }
      }
      return rows;
    } catch (SQLException ex) {
      throw new StoreException("cannot read the store: " + ex.getMessage(), ex);
    } finally {
      lock.unlock();
    }
  }

  private void rollbackQuietly() {
    try {
      db.rollback();
    } catch (SQLException ignored) {
      // the original failure is what the caller reports
    }
  }

  private void autoCommitQuietly() {
    try {
      db.setAutoCommit(true);
    } catch (SQLException ignored) {
      // the connection is broken; the next use reports it
    }
  }

  /** Deletes alerts received before a time; returns how many went. */
  public int pruneAlerts(long beforeMillis) {
    // Problems over before then go with their alerts; an active one stays, however old.
    update(
        "DELETE FROM problems WHERE state <> 'FIRING' AND updated < ?",
        p -> p.setLong(1, beforeMillis));
    return update("DELETE FROM alerts WHERE received_at < ?", p -> p.setLong(1, beforeMillis));
  }

  /** How many alerts an agent has in the history (agent-raised ones). */
  public long alertCount(String agentId) {
    return count(
        "SELECT COUNT(*) FROM alerts WHERE agent_id = ? AND channel <> 'CONSOLE'", agentId);
  }

  /** How many audit entries there are for an agent. */
  public long auditCount(String agentId) {
    return count("SELECT COUNT(*) FROM audit WHERE agent_id = ?", agentId);
  }

  private long count(String sql, String agentId) {
    return query(sql, p -> p.setString(1, agentId), r -> r.getLong(1)).get(0);
  }

  /** Work on the store's connection, under its lock, for readers in this package. */
  interface SqlWork<T> {
    T run(Connection db) throws SQLException, IOException;
  }

  <T> T locked(SqlWork<T> work) throws SQLException, IOException {
    lock.lock();
    try {
      return work.run(db);
    } finally {
      lock.unlock();
    }
  }

  /** Whether {@link #close()} was called. */
  public boolean isClosed() {
    return closed;
  }

  @Override
  public void close() {
    closed = true;
    lock.lock();
    try {
      db.close();
    } catch (SQLException e) {
      // closing at shutdown: nothing left to save
    } finally {
      lock.unlock();
    }
  }

  /** The store failed at run time; the message says which operation. */
  public static final class StoreException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    StoreException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
