package dev.vigil.console.manager.store;

import dev.vigil.common.HashChain;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/** The store's tables, as the versioned migrations that build them. */
final class Schema {
  /** Each entry upgrades the schema by one version; never edit one that has shipped. */
  private static final List<String> MIGRATIONS =
      List.of(
          """
          CREATE TABLE alerts (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            agent_id TEXT NOT NULL, hostname TEXT NOT NULL, channel TEXT NOT NULL,
            sequence INTEGER NOT NULL, rule TEXT NOT NULL, severity TEXT NOT NULL,
            state TEXT NOT NULL, value REAL NOT NULL, threshold REAL NOT NULL,
            raised_at INTEGER NOT NULL, received_at INTEGER NOT NULL, message TEXT NOT NULL,
            snoozed INTEGER NOT NULL);
          CREATE UNIQUE INDEX alerts_agent_sequence ON alerts(agent_id, sequence)
            WHERE channel <> 'CONSOLE';
          CREATE TABLE audit (
            id INTEGER PRIMARY KEY AUTOINCREMENT, at INTEGER NOT NULL, command_id TEXT NOT NULL,
            agent_id TEXT NOT NULL, hostname TEXT NOT NULL, command TEXT NOT NULL,
            status TEXT NOT NULL, detail TEXT NOT NULL);
          """,
          """
          ALTER TABLE alerts ADD COLUMN acked_by TEXT;
          ALTER TABLE alerts ADD COLUMN acked_at INTEGER;
          ALTER TABLE alerts ADD COLUMN ack_note TEXT;
          CREATE TABLE snoozes (
            agent_id TEXT NOT NULL, rule TEXT NOT NULL, until INTEGER NOT NULL,
            PRIMARY KEY (agent_id, rule));
          CREATE TABLE metrics_minute (
            agent_id TEXT NOT NULL, minute INTEGER NOT NULL, metric TEXT NOT NULL,
            samples INTEGER NOT NULL, min REAL NOT NULL, avg REAL NOT NULL, max REAL NOT NULL,
            PRIMARY KEY (agent_id, minute, metric)) WITHOUT ROWID;
          CREATE INDEX metrics_minute_age ON metrics_minute(minute);
          """,
          // 3: who did it, on every audit row; the hash chain over the rows (AuditLog), its anchor
          // (the hash of the last row pruned, GENESIS before any), and the rows written before the
          // chain existed, which AuditLog chains once, on the first open after this step.
          """
          ALTER TABLE audit ADD COLUMN operator TEXT NOT NULL DEFAULT 'unrecorded';
          ALTER TABLE audit ADD COLUMN origin TEXT NOT NULL DEFAULT 'before audit schema 3';
          ALTER TABLE audit ADD COLUMN hash TEXT;
          CREATE TABLE audit_anchor (
            id INTEGER PRIMARY KEY CHECK (id = 1), last_id INTEGER NOT NULL, hash TEXT NOT NULL);
          INSERT INTO audit_anchor(id, last_id, hash) VALUES (1, 0, '%s');
          CREATE TABLE audit_unchained (up_to INTEGER NOT NULL);
          INSERT INTO audit_unchained(up_to) SELECT COALESCE(MAX(id), 0) FROM audit;
          CREATE INDEX audit_age ON audit(at);
          CREATE INDEX alerts_age ON alerts(received_at);
          """
              .formatted(HashChain.GENESIS),
          // 4: problems, one row per agent and rule from first alert to resolution (ProblemTable);
          // the agents online when the console last stopped, and who snoozed. The FIRING rows of
          // earlier runs are folded in: an (agent, rule) whose newest alert is FIRING is an active
          // problem since the first FIRING after its last RESOLVED; a RESOLVED one is over.
          """
          CREATE INDEX alerts_agent_rule ON alerts(agent_id, rule, id);
          CREATE TABLE problems (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            agent_id TEXT NOT NULL, hostname TEXT NOT NULL, rule TEXT NOT NULL,
            severity TEXT NOT NULL, state TEXT NOT NULL,
            since INTEGER NOT NULL, updated INTEGER NOT NULL,
            value REAL NOT NULL, message TEXT NOT NULL, alert_id INTEGER NOT NULL,
            acked_by TEXT, acked_at INTEGER, snoozed_by TEXT, snoozed_until INTEGER);
          CREATE UNIQUE INDEX problems_active ON problems(agent_id, rule) WHERE state = 'FIRING';
          CREATE INDEX problems_age ON problems(updated);
          CREATE TABLE online_at_stop (agent_id TEXT PRIMARY KEY);
          ALTER TABLE snoozes ADD COLUMN snoozed_by TEXT;
          INSERT INTO problems(agent_id, hostname, rule, severity, state, since, updated, value,
            message, alert_id, acked_by, acked_at, snoozed_by, snoozed_until)
          SELECT a.agent_id, a.hostname, a.rule, a.severity, 'FIRING',
            (SELECT MIN(f.raised_at) FROM alerts f
              WHERE f.agent_id = a.agent_id AND f.rule = a.rule AND f.id >
                (SELECT COALESCE(MAX(r.id), 0) FROM alerts r
                  WHERE r.agent_id = a.agent_id AND r.rule = a.rule AND r.state = 'RESOLVED')),
            a.raised_at, a.value, a.message, a.id,
            (SELECT k.acked_by FROM alerts k
              WHERE k.agent_id = a.agent_id AND k.rule = a.rule AND k.acked_by IS NOT NULL
              AND k.id > (SELECT COALESCE(MAX(r.id), 0) FROM alerts r
                WHERE r.agent_id = a.agent_id AND r.rule = a.rule AND r.state = 'RESOLVED')
              ORDER BY k.id DESC LIMIT 1),
            (SELECT k.acked_at FROM alerts k
              WHERE k.agent_id = a.agent_id AND k.rule = a.rule AND k.acked_by IS NOT NULL
              AND k.id > (SELECT COALESCE(MAX(r.id), 0) FROM alerts r
                WHERE r.agent_id = a.agent_id AND r.rule = a.rule AND r.state = 'RESOLVED')
              ORDER BY k.id DESC LIMIT 1),
            NULL, NULL
          FROM alerts a
          WHERE a.state = 'FIRING'
            AND a.id = (SELECT MAX(m.id) FROM alerts m
              WHERE m.agent_id = a.agent_id AND m.rule = a.rule);
          """,
          // 5: the notifier's outbox (NotificationTable): each notice (problem, transition,
          // channel)
          // once, by its unique key, written before it is sent; the messages that group them, kept
          // until delivered, with their attempts.
          """
          CREATE TABLE notify_notices (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            channel TEXT NOT NULL, problem_id INTEGER NOT NULL, transition TEXT NOT NULL,
            tag TEXT NOT NULL, at INTEGER NOT NULL, notice TEXT NOT NULL, message_id INTEGER);
          CREATE UNIQUE INDEX notify_notices_once
            ON notify_notices(channel, problem_id, transition, tag);
          CREATE INDEX notify_notices_waiting ON notify_notices(message_id, channel);
          CREATE INDEX notify_notices_problem ON notify_notices(problem_id);
          CREATE TABLE notify_messages (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            channel TEXT NOT NULL, created INTEGER NOT NULL, test INTEGER NOT NULL,
            body TEXT NOT NULL, attempts INTEGER NOT NULL, next_attempt INTEGER NOT NULL,
            delivered INTEGER, last_error TEXT);
          CREATE INDEX notify_messages_due ON notify_messages(delivered, channel, next_attempt);
          """);

  private Schema() {}

  /** Brings a store's schema to this console's version, one migration per transaction. */
  static void migrate(Connection db) throws SQLException {
    migrate(db, MIGRATIONS.size());
  }

  /** Brings a store's schema to {@code target}: a test builds a store of an earlier version so. */
  static void migrate(Connection db, int target) throws SQLException {
    try (Statement s = db.createStatement()) {
      s.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)");
    }
    int version;
    try (Statement s = db.createStatement();
        ResultSet r = s.executeQuery("SELECT MAX(version) FROM schema_version")) {
      version = r.next() ? r.getInt(1) : 0;
    }
    if (version > MIGRATIONS.size()) {
      throw new SQLException(
          "its schema version "
              + version
              + " is newer than this console knows ("
              + MIGRATIONS.size()
              + ")");
    }
    for (int v = version; v < target; v++) {
      db.setAutoCommit(false);
      try (Statement s = db.createStatement()) {
        for (String statement : MIGRATIONS.get(v).split(";")) {
          if (!statement.isBlank()) {
            s.execute(statement);
          }
        }
        s.execute("INSERT INTO schema_version(version) VALUES (" + (v + 1) + ")");
        db.commit();
      } catch (SQLException e) {
        db.rollback();
        throw e;
      } finally {
        db.setAutoCommit(true);
      }
    }
  }
}
