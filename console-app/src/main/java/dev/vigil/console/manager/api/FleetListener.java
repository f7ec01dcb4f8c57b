package dev.vigil.console.manager.api;

/**
 * Receives the manager's events. Called on network threads: implementations must return quickly and
 * never touch a UI toolkit directly.
 */
public interface FleetListener {
  /** An agent connected, reported, changed status or went away. */
  default void agentChanged(AgentSnapshot agent) {}

  /** The operator forgot an agent: it is no longer known. */
  default void agentRemoved(String agentId) {}

  /** A new alert (never a duplicate). */
  default void alertReceived(AlertEvent alert) {}

  /** A problem opened, changed, or ended; its cause, if any, came through alertReceived first. */
  default void problemChanged(ProblemChange change) {}

  /** A command was sent or finished. */
  default void commandUpdated(CommandOutcome outcome) {}
}
