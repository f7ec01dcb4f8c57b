package dev.vigil.agent.probe;

import java.util.List;

/**
 * What does not change while the agent runs, reported once per session.
 *
 * @param hostname host name
 * @param os operating system name and version
 * @param kernel kernel version
 * @param architecture CPU architecture
 * @param cpuModel processor name
 * @param physicalCores physical cores
 * @param logicalCores logical processors
 * @param memoryTotalBytes physical memory
 * @param ipAddresses non-loopback addresses
 */
public record MachineInventory(
    String hostname,
    String os,
    String kernel,
    String architecture,
    String cpuModel,
    int physicalCores,
    int logicalCores,
    long memoryTotalBytes,
    List<String> ipAddresses) {}
