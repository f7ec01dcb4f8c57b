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
  REJECTED;

  /** Whether the console accepts this agent's data and sends it commands. */
  public boolean isApproved() {
    return this == ONLINE || this == STALE || this == OFFLINE;
  }
}
