package dev.vigil.console.manager.api;

import dev.vigil.protocol.command.Command;
import dev.vigil.protocol.message.CheckResult;
import dev.vigil.protocol.message.StatsReport;
import java.util.ArrayList;
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
 * @param checks its service checks' latest runs, in its configured order; empty when it has none
 * @param tags its tags from its inventory ({@code tags} in its agent.conf); empty when it has none
 *     or has not sent its inventory yet
 * @param allowedServices the systemd units its config lets the console restart, canonical ({@code
 *     nginx.service}); empty when none or before its inventory
 * @param manager the manager it belongs to, in a window attached to several ({@code host:port});
 *     empty otherwise
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
    String fingerprint,
    List<CheckResult> checks,
    List<String> tags,
    List<String> allowedServices,
    String manager) {

  public AgentSnapshot {
    checks = checks == null ? List.of() : List.copyOf(checks);
    tags = tags == null ? List.of() : List.copyOf(tags);
    allowedServices = allowedServices == null ? List.of() : List.copyOf(allowedServices);
    manager = manager == null ? "" : manager;
  }

  /** A snapshot of an agent as its own manager sees it (no manager named). */
  public AgentSnapshot(
      String agentId,
      String hostname,
      String os,
      String address,
      AgentStatus status,
      List<String> allowedCommands,
      StatsReport stats,
      long lastSeenMillis,
      String fingerprint,
      List<CheckResult> checks,
      List<String> tags,
      List<String> allowedServices) {
    this(
        agentId,
        hostname,
        os,
        address,
        status,
        allowedCommands,
        stats,
        lastSeenMillis,
        fingerprint,
        checks,
        tags,
        allowedServices,
        "");
  }

  /** A snapshot of an agent without tags or allowed services (before its inventory). */
  public AgentSnapshot(
      String agentId,
      String hostname,
      String os,
      String address,
      AgentStatus status,
      List<String> allowedCommands,
      StatsReport stats,
      long lastSeenMillis,
      String fingerprint,
      List<CheckResult> checks) {
    this(
        agentId,
        hostname,
        os,
        address,
        status,
        allowedCommands,
        stats,
        lastSeenMillis,
        fingerprint,
        checks,
        List.of(),
        List.of(),
        "");
  }

  /** A snapshot of an agent without service checks. */
  public AgentSnapshot(
      String agentId,
      String hostname,
      String os,
      String address,
      AgentStatus status,
      List<String> allowedCommands,
      StatsReport stats,
      long lastSeenMillis,
      String fingerprint) {
    this(
        agentId,
        hostname,
        os,
        address,
        status,
        allowedCommands,
        stats,
        lastSeenMillis,
        fingerprint,
        List.of());
  }

  /** The new stats, and the checks they carry merged into the ones known by name. */
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
        fingerprint,
        newStats.checks().isEmpty() ? checks : merged(checks, newStats.checks()),
        tags,
        allowedServices,
        manager);
  }

  /** The same snapshot with this whole set of checks. */
  public AgentSnapshot withChecks(List<CheckResult> all) {
    return new AgentSnapshot(
        agentId,
        hostname,
        os,
        address,
        status,
        allowedCommands,
        stats,
        lastSeenMillis,
        fingerprint,
        all,
        tags,
        allowedServices,
        manager);
  }

  /** The same snapshot with the tags and allowed services of the agent's latest inventory. */
  public AgentSnapshot withInventory(List<String> newTags, List<String> services) {
    return new AgentSnapshot(
        agentId,
        hostname,
        os,
        address,
        status,
        allowedCommands,
        stats,
        lastSeenMillis,
        fingerprint,
        checks,
        newTags,
        services,
        manager);
  }

  /** How many of its checks are problems now (failing for their configured number of runs). */
  public long failingChecks() {
    return checks.stream().filter(CheckResult::failing).count();
  }

  private static List<CheckResult> merged(List<CheckResult> known, List<CheckResult> ran) {
    List<CheckResult> out = new ArrayList<>(known);
    for (CheckResult r : ran) {
      int at = -1;
      for (int i = 0; i < out.size(); i++) {
        if (out.get(i).name().equals(r.name())) {
          at = i;
          break;
        }
      }
      if (at >= 0) {
        out.set(at, r);
      } else {
        out.add(r);
      }
    }
    return out;
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
        fingerprint,
        checks,
        tags,
        allowedServices,
        manager);
  }

  /** The same snapshot, named as {@code managerName}'s agent. */
  public AgentSnapshot withManager(String managerName) {
    return new AgentSnapshot(
        agentId,
        hostname,
        os,
        address,
        status,
        allowedCommands,
        stats,
        lastSeenMillis,
        fingerprint,
        checks,
        tags,
        allowedServices,
        managerName);
  }

  /** Whether the agent's configuration allows a command. */
  public boolean allows(Command command) {
    return allowedCommands.contains(command.wireName());
  }
}
