package dev.vigil.console.manager.store;

import dev.vigil.common.HashChain;
import dev.vigil.console.manager.api.AuditCheck;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The console's audit log in its store: every command's states and every trust action (approve,
 * reject, forget, enrollment tokens, re-keys), each row naming the operator, chained by {@link
 * HashChain} so that a row changed outside Vigil is found by {@link #verify()}. Pruning keeps the
 * chain checkable: the hash of the last row pruned becomes the chain's anchor. Thread-safe (all
 * work runs under the store's lock).
 */
public final class AuditLog {
  private static final String COLUMNS =
      "id, at, operator, origin, command, command_id, agent_id, hostname, status, detail, hash";

  private final ConsoleStore store;

  /** The audit log of {@code store}; rows from before the chain existed are chained now, once. */
  public AuditLog(ConsoleStore store) {
    this.store = store;
    run(this::chainUnchainedRows);
  }

  /**
   * One row of the audit log.
   *
   * @param atMillis when it happened
   * @param operator who did it, or who sent the command
   * @param origin where they acted from
   * @param action a command's wire name, or a trust action: approve, reject, forget, token, rekey
   * @param commandId the command's id, empty for a trust action
   * @param agentId the agent concerned, empty when none (a token)
   * @param hostname its host name when known
   * @param status a command's status, or DONE for a trust action
   * @param detail a sentence; never a secret
   */
  public record Entry(
      long atMillis,
      String operator,
      String origin,
      String action,
      String commandId,
      String agentId,
      String hostname,
      String status,
      String detail) {}

  /** Appends a row, chained to the last one. */
  public void append(Entry e) {
    run(
        db -> {
          Tail tail = tail(db);
          long id = tail.id() + 1;
          String hash = HashChain.next(tail.hash(), fields(id, e));
          try (PreparedStatement p =
              db.prepareStatement(
                  "INSERT INTO audit(" + COLUMNS + ") VALUES (?,?,?,?,?,?,?,?,?,?,?)")) {
            p.setLong(1, id);
            p.setLong(2, e.atMillis());
            p.setString(3, e.operator());
            p.setString(4, e.origin());
            p.setString(5, e.action());
            p.setString(6, e.commandId());
            p.setString(7, e.agentId());
            p.setString(8, e.hostname());
            p.setString(9, e.status());
            p.setString(10, e.detail());
            p.setString(11, hash);
            p.executeUpdate();
          }
          return null;
        });
  }

  /** Checks every row's hash against the rows before it, from the anchor on. */
  public AuditCheck verify() {
    return run(db -> verify(db, Long.MAX_VALUE));
  }

  /** Checks the rows from the anchor up to {@code lastId}. */
  private static AuditCheck verify(Connection db, long lastId) throws SQLException {
    Tail anchor = anchor(db);
    String prev = anchor.hash();
    long rows = 0;
    try (PreparedStatement p =
        db.prepareStatement("SELECT " + COLUMNS + " FROM audit WHERE id <= ? ORDER BY id")) {
      p.setLong(1, lastId);
      try (ResultSet r = p.executeQuery()) {
        while (r.next()) {
          rows++;
          long id = r.getLong(1);
          if (id <= anchor.id()) {
            return new AuditCheck(rows, id, "is older than the last pruned row " + anchor.id());
          }
          String expected = HashChain.next(prev, fields(id, entry(r)));
          String stored = r.getString(11);
          if (!expected.equals(stored)) {
            return new AuditCheck(
                rows,
                id,
                stored == null
                    ? "has no hash"
                    : "does not match its hash: it, or a row before it, was edited or removed");
          }
          prev = stored;
        }
      }
    }
    return AuditCheck.intact(rows);
  }

  /**
   * Deletes rows older than a time, oldest first, and anchors the chain at the last one deleted.
   * Rows whose chain is broken are not pruned: they are the evidence.
   *
   * @return how many rows went, or -1 when the chain is broken and nothing was pruned
   */
  public int pruneBefore(long beforeMillis) {
    return run(
        db -> {
          long lastId;
          String lastHash;
          try (PreparedStatement p =
              db.prepareStatement(
                  "SELECT id, hash FROM audit WHERE id = (SELECT MAX(id) FROM audit WHERE at < ?)")) {
            p.setLong(1, beforeMillis);
            try (ResultSet r = p.executeQuery()) {
              if (!r.next()) {
                return 0;
              }
              lastId = r.getLong(1);
              lastHash = r.getString(2);
            }
          }
          if (!verify(db, lastId).intact()) {
            return -1; // the rows that would go are the evidence
          }
          // Rows are appended in time order, so every row up to the last old one is old too.
          db.setAutoCommit(false);
          try (PreparedStatement delete = db.prepareStatement("DELETE FROM audit WHERE id <= ?");
              PreparedStatement anchor =
                  db.prepareStatement(
                      "UPDATE audit_anchor SET last_id = ?, hash = ? WHERE id = 1")) {
            delete.setLong(1, lastId);
            int gone = delete.executeUpdate();
            anchor.setLong(1, lastId);
            anchor.setString(2, lastHash);
            anchor.executeUpdate();
            db.commit();
            return gone;
          } catch (SQLException ex) {
            db.rollback();
            throw ex;
          } finally {
            db.setAutoCommit(true);
          }
        });
  }

  /** How many rows concern an agent. */
  public long count(String agentId) {
    return run(
        db -> {
          try (PreparedStatement p =
              db.prepareStatement("SELECT COUNT(*) FROM audit WHERE agent_id = ?")) {
            p.setString(1, agentId);
            try (ResultSet r = p.executeQuery()) {
              r.next();
              return r.getLong(1);
            }
          }
        });
  }

  /** The rows of an agent, oldest first. */
  public List<Entry> entries(String agentId) {
    return run(
        db -> {
          try (PreparedStatement p =
              db.prepareStatement(
                  "SELECT " + COLUMNS + " FROM audit WHERE agent_id = ? ORDER BY id")) {
            p.setString(1, agentId);
            List<Entry> rows = new java.util.ArrayList<>();
            try (ResultSet r = p.executeQuery()) {
              while (r.next()) {
                rows.add(entry(r));
              }
            }
            return rows;
          }
        });
  }

  /** Chains the rows a store had before schema 3, which the migration marked; once. */
  private Void chainUnchainedRows(Connection db) throws SQLException {
    long upTo;
    try (Statement s = db.createStatement();
        ResultSet r = s.executeQuery("SELECT MAX(up_to) FROM audit_unchained")) {
      if (!r.next() || r.getObject(1) == null) {
        return null;
      }
      upTo = r.getLong(1);
    }
    db.setAutoCommit(false);
    try (Statement s = db.createStatement();
        PreparedStatement update = db.prepareStatement("UPDATE audit SET hash = ? WHERE id = ?")) {
      String prev = anchor(db).hash();
      try (ResultSet r =
          s.executeQuery(
              "SELECT " + COLUMNS + " FROM audit WHERE id <= " + upTo + " ORDER BY id")) {
        while (r.next()) {
          prev = HashChain.next(prev, fields(r.getLong(1), entry(r)));
          update.setString(1, prev);
          update.setLong(2, r.getLong(1));
          update.addBatch();
        }
      }
      update.executeBatch();
      s.execute("DELETE FROM audit_unchained");
      db.commit();
    } catch (SQLException ex) {
      db.rollback();
      throw ex;
    } finally {
      db.setAutoCommit(true);
    }
    return null;
  }

  private record Tail(long id, String hash) {}

  private static Tail tail(Connection db) throws SQLException {
    try (Statement s = db.createStatement();
        ResultSet r = s.executeQuery("SELECT id, hash FROM audit ORDER BY id DESC LIMIT 1")) {
      if (r.next()) {
        return new Tail(r.getLong(1), r.getString(2));
      }
    }
    return anchor(db);
  }

  private static Tail anchor(Connection db) throws SQLException {
    try (Statement s = db.createStatement();
        ResultSet r = s.executeQuery("SELECT last_id, hash FROM audit_anchor WHERE id = 1")) {
      if (!r.next()) {
        throw new SQLException("the audit log has lost its anchor row");
      }
      return new Tail(r.getLong(1), r.getString(2));
    }
  }

  private static Entry entry(ResultSet r) throws SQLException {
    return new Entry(
        r.getLong(2),
        r.getString(3),
        r.getString(4),
        r.getString(5),
        r.getString(6),
        r.getString(7),
        r.getString(8),
        r.getString(9),
        r.getString(10));
  }

  private static List<String> fields(long id, Entry e) {
    // asList, not List.of: a field may be null in a row written outside Vigil.
    return java.util.Arrays.asList(
        Long.toString(id),
        Long.toString(e.atMillis()),
        e.operator(),
        e.origin(),
        e.action(),
        e.commandId(),
        e.agentId(),
        e.hostname(),
        e.status(),
        e.detail());
  }

  private <T> T run(ConsoleStore.SqlWork<T> work) {
    if (store.isClosed()) {
      throw new ConsoleStore.StoreException("the store is closed: the console is stopping", null);
    }
    try {
      return store.locked(work);
    } catch (SQLException | IOException ex) {
      throw new ConsoleStore.StoreException("cannot use the audit log: " + ex.getMessage(), ex);
    }
  }
}
