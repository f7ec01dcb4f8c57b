package dev.vigil.console.manager;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The console's embedded store: SQLite in the data directory, WAL mode, versioned schema
 * migrations. Keeps alert history and the audit log of commands. An alert is written here before
 * the console acknowledges it to its agent, so an acknowledged alert survives the console being
 * killed. Thread-safe (one connection, one lock; writes are small and rare).
 */
public final class ConsoleStore implements AutoCloseable {
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
          """);

  private final Connection db;
  private final ReentrantLock lock = new ReentrantLock();

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
        s.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)");
      }
      migrate();
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

  private void migrate() throws SQLException {
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

  /**
   * Stores an accepted alert.
   *
   * @return false when the store already had it (same agent and sequence)
   */
  boolean insertAlert(AlertEvent e) {
    lock.lock();
    try (PreparedStatement p =
        db.prepareStatement(
            "INSERT OR IGNORE INTO alerts(agent_id, hostname, channel, sequence, rule, severity,"
                + " state, value, threshold, raised_at, received_at, message, snoozed)"
                + " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)")) {
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
      return p.executeUpdate() == 1;
    } catch (SQLException ex) {
      throw new StoreException("cannot store an alert: " + ex.getMessage(), ex);
    } finally {
      lock.unlock();
    }
  }

  /** Records a finished command in the audit log. */
  void audit(CommandOutcome o) {
    lock.lock();
    try (PreparedStatement p =
        db.prepareStatement(
            "INSERT INTO audit(at, command_id, agent_id, hostname, command, status, detail)"
                + " VALUES (?,?,?,?,?,?,?)")) {
      p.setLong(1, System.currentTimeMillis());
      p.setString(2, o.commandId());
      p.setString(3, o.agentId());
      p.setString(4, o.hostname());
      p.setString(5, o.command());
      p.setString(6, o.status().name());
      p.setString(7, o.detail());
      p.executeUpdate();
    } catch (SQLException ex) {
      throw new StoreException("cannot write the audit log: " + ex.getMessage(), ex);
    } finally {
      lock.unlock();
    }
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
    lock.lock();
    try (PreparedStatement p = db.prepareStatement(sql)) {
      p.setString(1, agentId);
      try (ResultSet r = p.executeQuery()) {
        return r.next() ? r.getLong(1) : 0;
      }
    } catch (SQLException ex) {
      throw new StoreException("cannot read the store: " + ex.getMessage(), ex);
    } finally {
      lock.unlock();
    }
  }

  /** Writes the alert history as CSV (RFC 4180), oldest first; returns the number of rows. */
  public long exportAlerts(Path file) throws IOException {
    lock.lock();
    try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        Statement s = db.createStatement();
        ResultSet r =
            s.executeQuery(
                "SELECT raised_at, received_at, agent_id, hostname, channel, sequence, rule, severity,"
                    + " state, value, threshold, message FROM alerts ORDER BY id")) {
      out.write(
          "raised_at,received_at,agent_id,hostname,channel,sequence,rule,severity,state,value,threshold,message\r\n");
      long rows = 0;
      while (r.next()) {
        out.write(
            String.join(
                    ",",
                    Instant.ofEpochMilli(r.getLong(1)).toString(),
                    Instant.ofEpochMilli(r.getLong(2)).toString(),
                    csv(r.getString(3)),
                    csv(r.getString(4)),
                    r.getString(5),
                    String.valueOf(r.getLong(6)),
                    csv(r.getString(7)),
                    r.getString(8),
                    r.getString(9),
                    String.valueOf(r.getDouble(10)),
                    String.valueOf(r.getDouble(11)),
                    csv(r.getString(12)))
                + "\r\n");
        rows++;
      }
      return rows;
    } catch (SQLException ex) {
      throw new IOException("cannot read the alert history: " + ex.getMessage(), ex);
    } finally {
      lock.unlock();
    }
  }

  private static String csv(String value) {
    boolean quote =
        value.contains(",") || value.contains("\"") || value.contains("\n") || value.contains("\r");
    return quote ? "\"" + value.replace("\"", "\"\"") + "\"" : value;
  }

  @Override
  public void close() {
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
