package dev.vigil.agent.probe;

import dev.vigil.protocol.InterfaceRate;
import java.util.List;

/**
 * One reading of the machine, taken by a {@link SystemProbe}; rates cover the time since the
 * previous reading.
 *
 * @param cpuPercent whole-machine CPU load, 0 to 100
 * @param memoryUsedBytes memory in use (total minus available)
 * @param memoryTotalBytes physical memory
 * @param processCount running processes
 * @param cpuPerCore each logical core's load, 0 to 100
 * @param loadAverage 1, 5 and 15 minute load averages, or empty where the OS has none
 * @param memoryAvailableBytes memory available without swapping
 * @param swapUsedBytes swap in use
 * @param swapTotalBytes swap configured
 * @param threadCount threads of all processes
 * @param uptimeSeconds time since boot
 * @param diskReadBytesPerSecond all disks' read rate
 * @param diskWriteBytesPerSecond all disks' write rate
 * @param network per-interface rates
 */
public record SystemSample(
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
    List<InterfaceRate> network) {

  /** A reading with only the core figures, for simulations and tests. */
  public SystemSample(
      double cpuPercent, long memoryUsedBytes, long memoryTotalBytes, int processCount) {
    this(
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
        List.of());
  }
}
