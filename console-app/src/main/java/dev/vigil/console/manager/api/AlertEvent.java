package dev.vigil.console.manager.api;

import dev.vigil.protocol.message.AlertReport;

/**
 * An alert the console accepted, once, whichever path brought it first.
 *
 * @param id the console's number for it, used to acknowledge it
 * @param agentId the agent that raised it (or that the console raised it about)
 * @param hostname that agent's host name
 * @param alert the alert as the agent sent it
 * @param channel the path that delivered it first
 * @param receivedAtMillis when the console accepted it
 * @param snoozed whether a snooze covered it when it arrived (recorded, but no one is interrupted)
 */
public record AlertEvent(
    long id,
    String agentId,
    String hostname,
    AlertReport alert,
    Channel channel,
    long receivedAtMillis,
    boolean snoozed) {

  /** The path an alert travelled. */
  public enum Channel {
    /** Raised by the console itself (agent offline, stale, key changed). */
    CONSOLE,
    UDP,
    TCP
  }
}
