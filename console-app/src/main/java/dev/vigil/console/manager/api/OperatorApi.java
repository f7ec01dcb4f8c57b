package dev.vigil.console.manager.api;

import dev.vigil.protocol.command.Command;
import dev.vigil.protocol.tls.Fingerprint;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Everything a face of the manager (the window, the text interface, later a console attached over
 * the network) may read, observe or do; every action names the {@link Operator} who asks. Its
 * arguments, replies and events are plain records. Thread-safe; calls may wait for the store, so a
 * window calls them off its UI thread.
 */
public interface OperatorApi {

  // --- reading -------------------------------------------------------------------------------

  /** The manager's own key, listeners and counters. */
  ManagerInfo info();

  /** Every agent the manager knows, by host name. */
  List<AgentSnapshot> agents();

  /** One agent by id. */
  Optional<AgentSnapshot> agent(String agentId);

  /** An agent's snapshot, inventory and top processes, and its live samples. */
  Optional<AgentView> view(String agentId);

  /** One-minute aggregates of a metric over a time range, including the minute in progress. */
  List<MinuteAggregate> history(String agentId, Metric metric, Instant from, Instant to);

  /**
   * One-minute aggregates of a figure one of the agent's service checks measured (a plugin's
   * performance datum), over a time range, including the minute in progress.
   */
  List<CheckMinute> checkHistory(
      String agentId, String check, String metric, Instant from, Instant to);

  /** The most recent alerts, newest first. */
  List<AlertEvent> recentAlerts();

  /**
   * The active problems (one per agent and rule, updated in place until resolved), newest change
   * first: what is firing, the one count the window's status bar and the text interface both show.
   */
  List<Problem> problems();

  /** Alerts from the store's history. */
  List<AlertEvent> alertHistory(AlertQuery query);

  /** The acknowledgement of an alert, if any. */
  Optional<Acknowledgement> acknowledgement(long alertId);

  /** Snoozes still running. */
  List<Snooze> snoozes();

  // --- observing -----------------------------------------------------------------------------

  /**
   * Sends agent, alert and command events to a listener from now on. Called on the manager's
   * threads: a listener records and returns.
   */
  Subscription subscribe(FleetListener listener);

  // --- commands ------------------------------------------------------------------------------

  /**
   * Why a command may not go to an agent (unknown, not connected as approved, or not allowed by the
   * agent's own config), or empty when it may. The agent checks again: this only saves a trip.
   */
  Optional<String> refusal(String agentId, Command command);

  /**
   * Sends a command; the future completes with its final outcome, which listeners see too.
   *
   * @param arguments checked against the command's arguments before anything is sent
   */
  CompletableFuture<CommandOutcome> send(
      Operator who, String agentId, Command command, Map<String, String> arguments);

  // --- alerts --------------------------------------------------------------------------------

  /** Acknowledges an alert; false when there is no such alert. */
  boolean acknowledge(Operator who, long alertId, String note);

  /** Snoozes an agent's alerts of one rule, or all when {@code rule} is null, until a time. */
  void snooze(Operator who, String agentId, String rule, Instant until);

  /**
   * Checks the audit log's hash chain, row by row from its anchor: the first row changed outside
   * the console is named.
   */
  AuditCheck verifyAudit(Operator who);

  /**
   * Writes the whole alert history to a CSV file; returns the number of rows. An export never
   * writes through a symbolic link, replaces an existing file only when {@code replace} says so,
   * and creates the file readable by its owner only.
   */
  long exportAlerts(Operator who, Path file, boolean replace) throws IOException;

  /**
   * Writes one-minute aggregates of a time range to a CSV file, as {@link #exportAlerts} writes;
   * returns the number of rows.
   */
  long exportHistory(Operator who, Path file, Instant from, Instant to, boolean replace)
      throws IOException;

  // --- enrollment and trust ------------------------------------------------------------------

  /** Makes an enrollment token and the command line and config that use it. */
  Enrollment enroll(Operator who, Duration validFor, int uses);

  /**
   * Lets a pending (or rejected) agent in, only while its key is the one the operator compared;
   * false when the manager does not know the agent or it now presents another key.
   */
  boolean approve(Operator who, String agentId, Fingerprint compared);

  /** Refuses an agent: no commands, its data is dropped; false when unknown. */
  boolean reject(Operator who, String agentId);

  /** Forgets an agent and its key; it must enroll again; false when unknown. */
  boolean forget(Operator who, String agentId);

  /**
   * Pins a new key for a known agent in place of its old one (it was reinstalled), keeping its id
   * and the decision about it, in one durable step: unlike forget and approve, the id is never free
   * for another peer to take. False when unknown.
   */
  boolean rekey(Operator who, String agentId, Fingerprint key);

  /** The key a hello last presented for this known agent and was refused as changed, if any. */
  Optional<Fingerprint> refusedKey(String agentId);

  /**
   * Dials an agent in server mode now and after every disconnection; with its fingerprint it is
   * approved on first contact, without it waits as pending.
   */
  void connect(Operator who, String host, int port, Fingerprint expected);

  // --- operators ---------------------------------------------------------------------------

  /** The notification channels, secrets masked, with their last delivery and error. */
  default List<NotificationChannel> notificationChannels() {
    return List.of();
  }

  /**
   * Sends a test message to a channel at once (outside grouping and rate limit); completes when the
   * channel accepted it or its first attempt failed.
   *
   * @throws IllegalArgumentException when there is no such channel
   */
  default CompletableFuture<NotificationTest> sendTestNotification(Operator who, String channel) {
    throw new IllegalArgumentException(
        "this manager has no notification channel '" + channel + "'");
  }

  /** What the operator using this face may do: an embedded console's operator may do everything. */
  default Role role() {
    return Role.ADMIN;
  }

  /**
   * Whether the manager runs in this process, so that closing the face stops it watching the fleet;
   * false for a console attached to a manager elsewhere, which watches on without it.
   */
  default boolean inProcess() {
    return true;
  }

  /** Managing remote operators, when the manager runs an operator channel and the face may. */
  default Optional<OperatorAdmin> operatorAdmin() {
    return Optional.empty();
  }

  /** The managers this window is attached to, when it can hold several; empty otherwise. */
  default Optional<ManagerLinks> managerLinks() {
    return Optional.empty();
  }
}
