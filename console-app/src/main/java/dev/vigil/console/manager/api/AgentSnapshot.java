package dev.vigil.console.manager.api;

import dev.vigil.protocol.command.Command;
import dev.vigil.protocol.message.StatsReport;
import java.util.List;

/**
 * An immutable picture of one agent at one moment, as published to listeners.
 *
 * @param agentId the agent's id
 * @param hostname its host name
 * @param os its operating system
 * @param address the remote address of its connection
 * @param status online, stale, offline, pending or rejected
 * @param allowedCommands what its configuration lets the console run
 * @param stats its latest stats, or null before the first
 * @param lastSeenMillis when the console last heard from it
 * @param fingerprint the key it authenticated with
 */
public record AgentSnapshot(
    String agentId,
    String hostname,
    String os,
    String address,
    AgentStatus status,
    List<String> allowedCommands,
    StatsReport stats,
    long lastSeenMillis,
    String fingerprint) {

  public AgentSnapshot withStats(StatsReport newStats, long now) {
    return new AgentSnapshot(
        agentId,
        hostname,
        os,
        address,
        AgentStatus.ONLINE,
        allowedCommands,
        newStats,
        now,
        fingerprint);
  }

  public AgentSnapshot withStatus(AgentStatus newStatus) {
    return new AgentSnapshot(
        agentId,
        hostname,
        os,
        address,
        newStatus,
        allowedCommands,
        stats,
        lastSeenMillis,
        fingerprint);
  }

  /** Whether the agent's configuration allows a command. */
  public boolean allows(Command command) {
    return allowedCommands.contains(command.wireName());
  }
}
