package dev.vigil.agent.probe;

/**
 * One reading of the machine, taken by a {@link SystemProbe}.
 *
 * @param cpuPercent whole-machine CPU load since the previous sample, 0 to 100
 * @param memoryUsedBytes memory in use (total minus available)
 * @param memoryTotalBytes physical memory
 * @param processCount running processes
 */
public record SystemSample(
    double cpuPercent, long memoryUsedBytes, long memoryTotalBytes, int processCount) {}
