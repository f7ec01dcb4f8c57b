package dev.vigil.agent.probe;

/**
 * One process as the probe saw it.
 *
 * @param pid its process id
 * @param name its name
 * @param cpuPercent its CPU use over its lifetime, as a share of one core in percent
 * @param residentBytes its resident memory
 */
public record ProcessSample(long pid, String name, double cpuPercent, long residentBytes) {}
