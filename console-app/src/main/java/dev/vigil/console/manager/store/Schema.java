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
              .formatted(HashChain.GENESIS));

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
