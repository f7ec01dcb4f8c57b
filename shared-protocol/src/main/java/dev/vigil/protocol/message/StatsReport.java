package dev.vigil.protocol.message;

import java.util.List;

/**
 * One sample of the agent's machine, sent every stats interval.
 *
 * @param sampledAtMillis when the sample was taken, milliseconds since the epoch
 * @param cpuPercent whole-machine CPU load over the last interval, 0 to 100
 * @param memoryUsedBytes memory in use (total minus available)
 * @param memoryTotalBytes physical memory
 * @param processCount running processes
 * @param cpuPerCore each logical core's load over the last interval, 0 to 100 (at most 1024)
 * @param loadAverage the 1, 5 and 15 minute load averages, or empty where the OS has none
 * @param memoryAvailableBytes memory available to new work without swapping
 * @param swapUsedBytes swap in use
 * @param swapTotalBytes swap configured
 * @param threadCount threads of all processes
 * @param uptimeSeconds time since the machine booted
 * @param diskReadBytesPerSecond all disks' reads over the last interval
 * @param diskWriteBytesPerSecond all disks' writes over the last interval
 * @param network per-interface receive and transmit rates (at most 256 interfaces)
 * @param agentCpuPercent the agent's own CPU use over the last interval, as a share of one core
 * @param agentResidentBytes the agent's own resident memory
 */
public record StatsReport(
    long sampledAtMillis,
    double cpuPercent,
    long memoryUsedBytes,
    long memoryTotalBytes,
    int processCount,
    List<Double> cpuPerCore,
    List<Double> loadAverage,
    long memoryAvailableBytes,
    long swapUsedBytes,
    long swapTotalBytes,
    int threadCount,
    long uptimeSeconds,
    double diskReadBytesPerSecond,
    double diskWriteBytesPerSecond,
    List<InterfaceRate> network,
    double agentCpuPercent,
    long agentResidentBytes)
    implements AgentMessage {

  /** A report with only the core figures, as a minimal agent sends it. */
  public StatsReport(
      long sampledAtMillis,
      double cpuPercent,
      long memoryUsedBytes,
      long memoryTotalBytes,
      int processCount) {
    this(
        sampledAtMillis,
        cpuPercent,
        memoryUsedBytes,
        memoryTotalBytes,
        processCount,
        List.of(),
        List.of(),
        memoryTotalBytes - memoryUsedBytes,
        0,
        0,
        0,
        0,
        0,
        0,
        List.of(),
        0,
        0);
  }

  public StatsReport {
    Checks.notNegative("sampledAtMillis", sampledAtMillis);
    Checks.percent("cpuPercent", cpuPercent);
    Checks.notNegative("memoryUsedBytes", memoryUsedBytes);
    Checks.notNegative("memoryTotalBytes", memoryTotalBytes);
    Checks.notNegative("processCount", processCount);
    if (memoryUsedBytes > memoryTotalBytes) {
      throw new IllegalArgumentException("memoryUsedBytes exceeds memoryTotalBytes");
    }
    cpuPerCore = cpuPerCore == null ? List.of() : List.copyOf(cpuPerCore);
    if (cpuPerCore.size() > 1024) {
      throw new IllegalArgumentException("cpuPerCore lists more than 1024 cores");
    }
    cpuPerCore.forEach(c -> Checks.percent("cpuPerCore[]", c));
    loadAverage = loadAverage == null ? List.of() : List.copyOf(loadAverage);
    if (!loadAverage.isEmpty() && loadAverage.size() != 3) {
      throw new IllegalArgumentException("loadAverage must have 3 values or none");
    }
    loadAverage.forEach(l -> Checks.rate("loadAverage[]", l));
    Checks.notNegative("memoryAvailableBytes", memoryAvailableBytes);
    Checks.notNegative("swapUsedBytes", swapUsedBytes);
    Checks.notNegative("swapTotalBytes", swapTotalBytes);
    Checks.notNegative("threadCount", threadCount);
    Checks.notNegative("uptimeSeconds", uptimeSeconds);
    Checks.rate("diskReadBytesPerSecond", diskReadBytesPerSecond);
    Checks.rate("diskWriteBytesPerSecond", diskWriteBytesPerSecond);
    network = network == null ? List.of() : List.copyOf(network);
    Checks.rate("agentCpuPercent", agentCpuPercent);
    Checks.notNegative("agentResidentBytes", agentResidentBytes);
    if (network.size() > 256) {
      throw new IllegalArgumentException("network lists more than 256 interfaces");
    }
  }

  /** Memory in use as a percentage of the total, or 0 when the total is unknown. */
  public double memoryPercent() {
    return memoryTotalBytes == 0 ? 0 : 100.0 * memoryUsedBytes / memoryTotalBytes;
  }
}
