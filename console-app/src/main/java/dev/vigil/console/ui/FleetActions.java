package dev.vigil.console.ui;

import dev.vigil.console.manager.CommandOutcome;
import dev.vigil.console.manager.Enrollment;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The commands the window can issue, implemented over the manager; each returns at once and its
 * outcome arrives through the {@link FleetModel}.
 */
public interface FleetActions {
  /** Sends a command to each agent. */
  void send(String command, List<String> agentIds);

  /** Runs one command on one agent, off the FX thread; the future completes with its outcome. */
  CompletableFuture<CommandOutcome> run(
      String command, String agentId, Map<String, String> arguments);

  /** Acknowledges an alert, off the FX thread; completes with who acknowledged it, or empty. */
  CompletableFuture<String> acknowledge(long alertId, String note);

  /** Snoozes an agent's alerts of one rule for a while. */
  void snooze(String agentId, String rule, Duration duration);

  /** Lets pending or rejected agents in. */
  void approve(List<String> agentIds);

  /** Refuses agents: no commands, their data is dropped. */
  void reject(List<String> agentIds);

  /** Forgets agents and their keys; they must enroll again. */
  void forget(List<String> agentIds);

  /** Makes an enrollment token and its command line, off the FX thread. */
  CompletableFuture<Enrollment> enroll(Duration validFor, int uses);

  /** The console's key fingerprint, or a sentence saying there is none. */
  String consoleFingerprint();
}
