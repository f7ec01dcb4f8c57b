package dev.vigil.console.manager;

import dev.vigil.protocol.AlertReport;

/**
 * An alert the console accepted, once, whichever path brought it first.
 *
 * @param agentId the agent that raised it
 * @param hostname that agent's host name
 * @param alert the alert as the agent sent it
 * @param channel the path that delivered it first
 * @param receivedAtMillis when the console accepted it
 */
public record AlertEvent(
    String agentId, String hostname, AlertReport alert, Channel channel, long receivedAtMillis) {

  /** The path an alert travelled. */
  public enum Channel {
    /** Raised by the console itself (agent offline, stale, key changed). */
    CONSOLE,
    UDP,
    TCP
  }
}
