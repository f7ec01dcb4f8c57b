package dev.vigil.console.manager.store;

import dev.vigil.console.manager.api.Problem;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The notifier's outbox in the store: each notice (problem, transition, channel) once, by its
 * unique key, written before anything is sent; the messages that group a channel's notices, kept
 * until the channel accepted them. Notices and messages are plain JSON text here: the notifier owns
 * their shape. Thread-safe: it works under the store's one lock.
 */
public final class NotificationTable {
  private final ConsoleStore store;

  public NotificationTable(ConsoleStore store) {
    this.store = store;
  }

  /**
   * A message waiting for its channel, or delivered.
   *
   * @param id its id, stable across retries and restarts
   * @param channel the channel's name
   * @param createdMillis when it was written
   * @param test whether an operator asked for it as a test
   * @param body its notices, as the notifier wrote them
   * @param attempts how many deliveries failed so far
   * @param nextAttemptMillis when to try again
   */
  public record StoredMessage(
      long id,
      String channel,
      long createdMillis,
      boolean test,
      String body,
      int attempts,
      long nextAttemptMillis) {}

  /**
   * The notices of one channel not yet in a message.
   *
   * @param channel the channel
   * @param oldestMillis when the oldest was written
   * @param count how many
   */
  public record Waiting(String channel, long oldestMillis, int count) {}

  /**
   * A channel's record: what it delivered last, and its last error while it fails.
   *
   * @param channel the channel
   * @param lastDeliveredMillis when it last accepted a message, or 0
   * @param pending messages it has not accepted yet
   * @param lastError the newest failure's sentence while a message waits, or empty
   */
  public record ChannelRecord(
      String channel, long lastDeliveredMillis, int pending, String lastError) {}

  /**
   * One channel told of an active or resolved problem.
   *
   * @param problem the problem as the store has it now
   * @param channel the channel told of it
   * @param firstToldMillis when its first notice for that channel was written
   */
  public record Told(Problem problem, String channel, long firstToldMillis) {}

  /**
   * Writes a notice unless one with the same key is there already.
   *
   * @param tag what distinguishes repeated notices of one transition (a severity, a reminder's
   *     round), or empty
   * @return whether it was new
   */
  public boolean addNotice(
      String channel, long problemId, String transition, String tag, long at, String notice) {
    return run(
        db -> {
          try (PreparedStatement s =
              db.prepareStatement(
                  "INSERT OR IGNORE INTO notify_notices(channel, problem_id, transition, tag, at,"
                      + " notice) VALUES (?,?,?,?,?,?)")) {
            s.setString(1, channel);
            s.setLong(2, problemId);
            s.setString(3, transition);
            s.setString(4, tag);
            s.setLong(5, at);
            s.setString(6, notice);
            return s.executeUpdate() == 1;
          }
        });
  }

  /** The channels with notices not yet in a message. */
  public List<Waiting> waiting() {
    return run(
        db -> {
          List<Waiting> rows = new ArrayList<>();
          try (Statement s = db.createStatement();
              ResultSet r =
                  s.executeQuery(
                      "SELECT channel, MIN(at), COUNT(*) FROM notify_notices"
                          + " WHERE message_id IS NULL GROUP BY channel")) {
            while (r.next()) {
              rows.add(new Waiting(r.getString(1), r.getLong(2), r.getInt(3)));
            }
          }
          return rows;
        });
  }

  /**
   * Puts every waiting notice of a channel into one new message, in one transaction.
   *
   * @return the message's id, or empty when none was waiting
   */
  public Optional<Long> group(String channel, long nowMillis) {
    return run(
        db -> {
          List<String> notices = new ArrayList<>();
          long last = 0;
          try (PreparedStatement s =
              db.prepareStatement(
                  "SELECT id, notice FROM notify_notices WHERE message_id IS NULL AND channel = ?"
                      + " ORDER BY id")) {
            s.setString(1, channel);
            try (ResultSet r = s.executeQuery()) {
              while (r.next()) {
                last = r.getLong(1);
                notices.add(r.getString(2));
              }
            }
          }
          if (notices.isEmpty()) {
            return Optional.<Long>empty();
          }
          db.setAutoCommit(false);
          try {
            long id =
                insertMessage(db, channel, nowMillis, false, "[" + String.join(",", notices) + "]");
            try (PreparedStatement u =
                db.prepareStatement(
                    "UPDATE notify_notices SET message_id = ? WHERE message_id IS NULL"
                        + " AND channel = ? AND id <= ?")) {
              u.setLong(1, id);
              u.setString(2, channel);
              u.setLong(3, last);
              u.executeUpdate();
            }
            db.commit();
            return Optional.of(id);
          } catch (SQLException e) {
            db.rollback();
            throw e;
          } finally {
            db.setAutoCommit(true);
          }
        });
  }

  /** Writes a message that no notice row stands for (a test, a re-send while firing). */
  public long addMessage(String channel, long nowMillis, boolean test, String body) {
    return run(db -> insertMessage(db, channel, nowMillis, test, body));
  }

  private static long insertMessage(
      Connection db, String channel, long nowMillis, boolean test, String body)
      throws SQLException {
    try (PreparedStatement s =
        db.prepareStatement(
            "INSERT INTO notify_messages(channel, created, test, body, attempts, next_attempt)"
                + " VALUES (?,?,?,?,0,?)",
            Statement.RETURN_GENERATED_KEYS)) {
      s.setString(1, channel);
      s.setLong(2, nowMillis);
      s.setInt(3, test ? 1 : 0);
      s.setString(4, body);
      s.setLong(5, nowMillis);
      s.executeUpdate();
      try (ResultSet keys = s.getGeneratedKeys()) {
        keys.next();
        return keys.getLong(1);
      }
    }
  }

  /** A channel's oldest message not yet delivered: messages go out in the order written. */
  public Optional<StoredMessage> oldestUndelivered(String channel) {
    return run(
        db -> {
          try (PreparedStatement s =
              db.prepareStatement(
                  "SELECT id, channel, created, test, body, attempts, next_attempt"
                      + " FROM notify_messages WHERE delivered IS NULL AND channel = ?"
                      + " ORDER BY id LIMIT 1")) {
            s.setString(1, channel);
            try (ResultSet r = s.executeQuery()) {
              if (!r.next()) {
                return Optional.<StoredMessage>empty();
              }
              return Optional.of(
                  new StoredMessage(
                      r.getLong(1),
                      r.getString(2),
                      r.getLong(3),
                      r.getInt(4) == 1,
                      r.getString(5),
                      r.getInt(6),
                      r.getLong(7)));
            }
          }
        });
  }

  /** Marks a message delivered: one small write, the whole at-least-once window. */
  public void delivered(long messageId, long nowMillis) {
    run(
        db -> {
          try (PreparedStatement s =
              db.prepareStatement(
                  "UPDATE notify_messages SET delivered = ?, last_error = NULL WHERE id = ?")) {
            s.setLong(1, nowMillis);
            s.setLong(2, messageId);
            return s.executeUpdate();
          }
        });
  }

  /** Removes a test message that was not accepted: a test is tried once, never again later. */
  public void discardTest(long messageId) {
    run(
        db -> {
          try (PreparedStatement s =
              db.prepareStatement("DELETE FROM notify_messages WHERE id = ? AND test = 1")) {
            s.setLong(1, messageId);
            return s.executeUpdate();
          }
        });
  }

  /** Records a failed delivery and when to try again. */
  public void failed(long messageId, int attempts, long nextAttemptMillis, String error) {
    run(
        db -> {
          try (PreparedStatement s =
              db.prepareStatement(
                  "UPDATE notify_messages SET attempts = ?, next_attempt = ?, last_error = ?"
                      + " WHERE id = ?")) {
            s.setInt(1, attempts);
            s.setLong(2, nextAttemptMillis);
            s.setString(3, error);
            s.setLong(4, messageId);
            return s.executeUpdate();
          }
        });
  }

  /** Each channel's record, for the window. */
  public ChannelRecord record(String channel) {
    return run(
        db -> {
          try (PreparedStatement s =
              db.prepareStatement(
                  "SELECT (SELECT COALESCE(MAX(delivered), 0) FROM notify_messages"
                      + " WHERE channel = ?1 AND delivered IS NOT NULL),"
                      + " (SELECT COUNT(*) FROM notify_messages WHERE channel = ?1"
                      + " AND delivered IS NULL),"
                      + " (SELECT last_error FROM notify_messages WHERE channel = ?1"
                      + " AND delivered IS NULL AND last_error IS NOT NULL ORDER BY id LIMIT 1)")) {
            s.setString(1, channel);
            try (ResultSet r = s.executeQuery()) {
              r.next();
              String error = r.getString(3);
              return new ChannelRecord(
                  channel, r.getLong(1), r.getInt(2), error == null ? "" : error);
            }
          }
        });
  }

  /**
   * Every (problem, channel) that was told of a problem's firing, with the problem as stored now:
   * active ones, and resolved ones whose resolution that channel has no notice of yet.
   */
  public List<Told> told() {
    return run(
        db -> {
          List<Told> rows = new ArrayList<>();
          try (Statement s = db.createStatement();
              ResultSet r =
                  s.executeQuery(
                      "SELECT p.id, p.agent_id, p.hostname, p.rule, p.severity, p.state,"
                          + " p.since, p.updated, p.value, p.message, p.alert_id, p.acked_by,"
                          + " p.acked_at, p.snoozed_by, p.snoozed_until, n.channel, MIN(n.at)"
                          + " FROM notify_notices n JOIN problems p ON p.id = n.problem_id"
                          + " WHERE n.transition IN ('FIRING', 'ESCALATED')"
                          + " AND (p.state = 'FIRING' OR NOT EXISTS (SELECT 1 FROM"
                          + " notify_notices d WHERE d.channel = n.channel"
                          + " AND d.problem_id = n.problem_id AND d.transition = 'RESOLVED'))"
                          + " GROUP BY p.id, n.channel")) {
            while (r.next()) {
              rows.add(new Told(ProblemTable.problem(r), r.getString(16), r.getLong(17)));
            }
          }
          return rows;
        });
  }

  /**
   * The resolved problems no channel has a notice of, opened within {@code margin} before the
   * newest notice or after it: those a kill left between the problem's write and its notices' (an
   * earlier problem that no route took stays untold). None before the first notice ever.
   */
  public List<Problem> resolvedUntold(long marginMillis) {
    return run(
        db -> {
          List<Problem> rows = new ArrayList<>();
          try (PreparedStatement s =
              db.prepareStatement(
                  "SELECT id, agent_id, hostname, rule, severity, state, since, updated, value,"
                      + " message, alert_id, acked_by, acked_at, snoozed_by, snoozed_until"
                      + " FROM problems p WHERE state = 'RESOLVED'"
                      + " AND since >= (SELECT MAX(at) FROM notify_notices) - ?"
                      + " AND NOT EXISTS (SELECT 1 FROM notify_notices n WHERE n.problem_id = p.id)"
                      + " ORDER BY id")) {
            s.setLong(1, marginMillis);
            try (ResultSet r = s.executeQuery()) {
              while (r.next()) {
                rows.add(ProblemTable.problem(r));
              }
            }
          }
          return rows;
        });
  }

  /**
   * Forgets delivered messages written before a time, and their notices unless their problem is
   * still active (its resolution must still find who was told).
   *
   * @return how many messages went
   */
  public int prune(long beforeMillis) {
    return run(
        db -> {
          try (PreparedStatement n =
                  db.prepareStatement(
                      "DELETE FROM notify_notices WHERE message_id IN (SELECT id FROM"
                          + " notify_messages WHERE delivered IS NOT NULL AND created < ?)"
                          + " AND problem_id NOT IN (SELECT id FROM problems"
                          + " WHERE state = 'FIRING')");
              PreparedStatement m =
                  db.prepareStatement(
                      "DELETE FROM notify_messages WHERE delivered IS NOT NULL AND created < ?"
                          + " AND id NOT IN (SELECT message_id FROM notify_notices"
                          + " WHERE message_id IS NOT NULL)")) {
            n.setLong(1, beforeMillis);
            n.executeUpdate();
            m.setLong(1, beforeMillis);
            return m.executeUpdate();
          }
        });
  }

  private <T> T run(ConsoleStore.SqlWork<T> work) {
    if (store.isClosed()) {
      throw new ConsoleStore.StoreException("the store is closed: the console is stopping", null);
    }
    try {
      return store.locked(work);
    } catch (SQLException | IOException e) {
      throw new ConsoleStore.StoreException(
          "cannot use the notification outbox: " + e.getMessage(), e);
    }
  }
}
