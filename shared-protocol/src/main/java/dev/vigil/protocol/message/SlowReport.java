package dev.vigil.protocol.message;

import java.util.List;

/**
 * What the agent measures on a slower cadence (every 30 s by default): file systems and the top
 * processes.
 *
 * @param sampledAtMillis when it was measured
 * @param fileSystems real (disk-backed) file systems, at most 256
 * @param topByCpu the busiest processes, at most 50
 * @param topByMemory the largest processes, at most 50
 */
public record SlowReport(
    long sampledAtMillis,
    List<FileSystemUsage> fileSystems,
    List<ProcessInfo> topByCpu,
    List<ProcessInfo> topByMemory)
    implements AgentMessage {
  public SlowReport {
    Checks.notNegative("sampledAtMillis", sampledAtMillis);
    fileSystems = Checks.list("fileSystems", fileSystems, 256);
    topByCpu = Checks.list("topByCpu", topByCpu, 50);
    topByMemory = Checks.list("topByMemory", topByMemory, 50);
  }
}
