package dev.vigil.console.manager;

/** Where an agent stands, as the operator sees it. */
public enum AgentStatus {
  /** Connected and reporting. */
  ONLINE,
  /** Connected but silent for longer than expected. */
  STALE,
  /** Not connected. */
  OFFLINE
}
