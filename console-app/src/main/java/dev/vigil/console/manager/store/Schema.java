package dev.vigil.console.manager.store;

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
          """);

  private Schema() {}

  /** Brings a store's schema to this console's version, one migration per transaction. */
  static void migrate(Connection db) throws SQLException {
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
    for (int v = version; v < MIGRATIONS.size(); v++) {
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
