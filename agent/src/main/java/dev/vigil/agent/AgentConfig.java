package dev.vigil.agent;

import dev.vigil.agent.alert.RuleLevels;
import dev.vigil.protocol.tls.Fingerprint;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * Everything an agent needs to run, validated once at start.
 *
 * @param managerHost the console's host, or null in server mode
 * @param managerPort the console's TCP port, or 0 in server mode
 * @param dataDir where the agent keeps its identity
 * @param statsInterval how often it samples and reports
 * @param rules the alert rules by metric: cpu, memory, swap, disk, processes
 * @param allowedCommands the commands the console may run here
 * @param allowSource where the allow-list was set, for refusals
 * @param dryRun allowed power and kill commands only log what they would do
 * @param enrollmentToken the operator's token for a first connection, or null
 * @param consoleFingerprint the console's key as the operator gave it, or null to use the pin kept
 *     in the data directory (or, on the very first connection, to trust the key the console shows)
 * @param insecure plain TCP without keys, for labs only
 * @param listen where to wait for the console to dial in (server mode), or null in client mode
 * @param outboxLimit how many unacknowledged alerts the outbox keeps before dropping the oldest
 * @param initialConnectDelay the first connection waits a random time up to this
 * @param cpuBudgetPercent the agent's own CPU budget, as a share of one core
 * @param memoryBudgetBytes the agent's own resident memory budget
 */
public record AgentConfig(
    String managerHost,
    int managerPort,
    Path dataDir,
    Duration statsInterval,
    Map<String, RuleLevels> rules,
    Set<String> allowedCommands,
    String allowSource,
    boolean dryRun,
    String enrollmentToken,
    Fingerprint consoleFingerprint,
    boolean insecure,
    InetSocketAddress listen,
    int outboxLimit,
    Duration initialConnectDelay,
    double cpuBudgetPercent,
    long memoryBudgetBytes) {}
