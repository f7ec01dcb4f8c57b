package dev.vigil.protocol.message;

import java.util.List;

/**
 * What the agent measures on a slower cadence (every 30 s by default): file systems, the top
 * processes and the latest run of every service check it has.
 *
 * @param sampledAtMillis when it was measured
 * @param fileSystems real (disk-backed) file systems, at most 256
 * @param topByCpu the busiest processes, at most 50
 * @param topByMemory the largest processes, at most 50
 * @param checks every configured check's latest run, at most {@link CheckResult#MAX_CHECKS}: the
 *     whole set, replacing what the receiver had; optional (empty from an agent without checks or
 *     from before the field existed)
 */
public record SlowReport(
    long sampledAtMillis,
    List<FileSystemUsage> fileSystems,
    List<ProcessInfo> topByCpu,
    List<ProcessInfo> topByMemory,
    List<CheckResult> checks)
    implements AgentMessage {
  public SlowReport {
    Checks.notNegative("sampledAtMillis", sampledAtMillis);
    fileSystems = Checks.list("fileSystems", fileSystems, 256);
    topByCpu = Checks.list("topByCpu", topByCpu, 50);
    topByMemory = Checks.list("topByMemory", topByMemory, 50);
    checks = Checks.list("checks", checks, CheckResult.MAX_CHECKS);
  }

  /** A report without checks. */
  public SlowReport(
      long sampledAtMillis,
      List<FileSystemUsage> fileSystems,
      List<ProcessInfo> topByCpu,
      List<ProcessInfo> topByMemory) {
    this(sampledAtMillis, fileSystems, topByCpu, topByMemory, List.of());
  }

  /** The same report with these checks. */
  public SlowReport withChecks(List<CheckResult> latest) {
    return new SlowReport(sampledAtMillis, fileSystems, topByCpu, topByMemory, latest);
  }
}
