package dev.vigil.agent;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Everything an agent needs to run, validated once at start.
 *
 * @param managerHost the console's host
 * @param managerPort the console's TCP port
 * @param dataDir where the agent keeps its identity
 * @param statsInterval how often it samples and reports
 * @param cpuAlertPercent CPU load that triggers the CPU alert
 * @param cpuAlertHold how long CPU must stay at or over the trigger
 * @param cpuClearPercent CPU load under which a firing alert resolves
 * @param allowRealRestart whether {@code restart} really restarts the machine (dry run otherwise)
 */
public record AgentConfig(
    String managerHost,
    int managerPort,
    Path dataDir,
    Duration statsInterval,
    double cpuAlertPercent,
    Duration cpuAlertHold,
    double cpuClearPercent,
    boolean allowRealRestart) {}
