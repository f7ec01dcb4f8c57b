package dev.vigil.console.manager.api;

/** Where an agent stands, as the operator sees it. */
public enum AgentStatus {
  /** Approved, connected and reporting. */
  ONLINE,
  /** Approved and connected but silent for longer than expected. */
  STALE,
  /** Approved but not connected. */
  OFFLINE,
  /** Seen but not approved yet: no commands, no data accepted. */
  PENDING,
  /** Refused by the operator. */
  REJECTED,
  /**
   * Its manager cannot be reached from this window: what was last known of it is shown, and nothing
   * is said of the agent itself (it is not offline as far as anyone here knows).
   */
  UNREACHABLE;

  /** Whether the console accepts this agent's data and sends it commands. */
  public boolean isApproved() {
    return this == ONLINE || this == STALE || this == OFFLINE;
  }
}
