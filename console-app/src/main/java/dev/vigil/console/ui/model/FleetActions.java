package dev.vigil.console.ui.model;

import dev.vigil.console.manager.api.AgentView;
import dev.vigil.console.manager.api.AlertEvent;
import dev.vigil.console.manager.api.AlertQuery;
import dev.vigil.console.manager.api.CommandOutcome;
import dev.vigil.console.manager.api.Enrollment;
import dev.vigil.console.manager.api.Metric;
import dev.vigil.console.manager.api.MinuteAggregate;
import dev.vigil.console.manager.api.Role;
import dev.vigil.protocol.command.Command;
import dev.vigil.protocol.tls.Fingerprint;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The commands the window can issue, implemented over the manager; each returns at once and its
 * outcome arrives through the {@link FleetModel}.
 */
public interface FleetActions {
  /** Sends a command to each agent. */
  void send(Command command, List<String> agentIds);

  /** Runs one command on one agent, off the FX thread; the future completes with its outcome. */
  CompletableFuture<CommandOutcome> run(
      Command command, String agentId, Map<String, String> arguments);

  /** Acknowledges an alert, off the FX thread; completes with who acknowledged it, or empty. */
  CompletableFuture<String> acknowledge(long alertId, String note);

  /** Snoozes an agent's alerts of one rule for a while. */
  void snooze(String agentId, String rule, Duration duration);

  /** Lets pending or rejected agents in. */
  void approve(Map<String, Fingerprint> compared);

  /** Refuses agents: no commands, their data is dropped. */
  void reject(List<String> agentIds);

  /** Forgets agents and their keys; they must enroll again. */
  void forget(List<String> agentIds);

  /** Pins a new key for an agent in place of its old one, keeping its id. */
  void rekey(String agentId, Fingerprint key);

  /** The key a refused hello of this agent presented last, read off the FX thread. */
  CompletableFuture<Optional<Fingerprint>> refusedKey(String agentId);

  /** Makes an enrollment token and its command line, off the FX thread. */
  CompletableFuture<Enrollment> enroll(Duration validFor, int uses);

  /** The console's key fingerprint, or a sentence saying there is none. */
  String consoleFingerprint();

  /** The console's version, for the About box. */
  String version();

  /** An agent's current picture and its live history, read off the FX thread. */
  CompletableFuture<AgentView> view(String agentId);

  /** An agent's one-minute aggregates of a metric over the last {@code range}, from the store. */
  CompletableFuture<List<MinuteAggregate>> history(String agentId, Metric metric, Duration range);

  /** One-minute aggregates of a figure one of the agent's checks measured, over a range to now. */
  CompletableFuture<List<dev.vigil.console.manager.api.CheckMinute>> checkHistory(
      String agentId, String check, String metric, Duration range);

  /** Alerts from the store's history. */
  CompletableFuture<List<AlertEvent>> alertHistory(AlertQuery query);

  /** Writes the whole alert history to a CSV file; completes with the number of rows. */
  CompletableFuture<Long> exportAlerts(Path file);

  /** The notification channels, secrets masked, read off the FX thread. */
  default CompletableFuture<List<dev.vigil.console.manager.api.NotificationChannel>>
      notificationChannels() {
    return CompletableFuture.completedFuture(List.of());
  }

  /** Sends a test message to a notification channel; completes with what became of it. */
  default CompletableFuture<dev.vigil.console.manager.api.NotificationTest> sendTestNotification(
      String channel) {
    return CompletableFuture.failedFuture(
        new IllegalArgumentException("there is no notification channel '" + channel + "'"));
  }

  /**
   * Whether the manager runs an operator channel, so that operators who attach over the network can
   * be listed, invited and removed (by admins: the manager decides).
   */
  default boolean managesOperators() {
    return false;
  }

  /** The operators the manager knows by key, read off the FX thread. */
  default CompletableFuture<List<dev.vigil.console.manager.api.OperatorAccount>> operators() {
    return noOperatorChannel();
  }

  /** The invitations not used yet, read off the FX thread. */
  default CompletableFuture<List<dev.vigil.console.manager.api.PendingInvitation>> invitations() {
    return noOperatorChannel();
  }

  /** Makes a single-use token that enrolls a new operator's console; the token is shown once. */
  default CompletableFuture<dev.vigil.console.manager.api.Invitation> invite(
      String name, Role role, Duration validFor) {
    return noOperatorChannel();
  }

  /** Removes an operator and detaches their consoles; completes with false when there was none. */
  default CompletableFuture<Boolean> removeOperator(String name) {
    return noOperatorChannel();
  }

  private static <T> CompletableFuture<T> noOperatorChannel() {
    return CompletableFuture.failedFuture(
        new IllegalStateException(dev.vigil.console.manager.api.OperatorAdmin.NO_CHANNEL));
  }

  /** What this console's operator may do; the manager enforces it, the window reflects it. */
  default Role role() {
    return Role.ADMIN;
  }

  /** The managers this window is attached to, when it can hold several; empty when embedded. */
  default java.util.Optional<dev.vigil.console.manager.api.ManagerLinks> managers() {
    return java.util.Optional.empty();
  }

  /** Whether closing this window stops the manager (embedded) or leaves it watching (attached). */
  default boolean stopsTheManager() {
    return true;
  }
}
