package dev.vigil.protocol;

/**
 * One sample of the agent's machine, sent every stats interval.
 *
 * @param sampledAtMillis when the sample was taken, milliseconds since the epoch
 * @param cpuPercent whole-machine CPU load over the last interval, 0 to 100
 * @param memoryUsedBytes memory in use (total minus available)
 * @param memoryTotalBytes physical memory
 * @param processCount running processes
 */
public record StatsReport(
    long sampledAtMillis,
    double cpuPercent,
    long memoryUsedBytes,
    long memoryTotalBytes,
    int processCount)
    implements AgentMessage {
  public StatsReport {
    Checks.notNegative("sampledAtMillis", sampledAtMillis);
    Checks.percent("cpuPercent", cpuPercent);
    Checks.notNegative("memoryUsedBytes", memoryUsedBytes);
    Checks.notNegative("memoryTotalBytes", memoryTotalBytes);
    Checks.notNegative("processCount", processCount);
    if (memoryUsedBytes > memoryTotalBytes) {
      throw new IllegalArgumentException("memoryUsedBytes exceeds memoryTotalBytes");
    }
  }

  /** Memory in use as a percentage of the total, or 0 when the total is unknown. */
  public double memoryPercent() {
    return memoryTotalBytes == 0 ? 0 : 100.0 * memoryUsedBytes / memoryTotalBytes;
  }
}
