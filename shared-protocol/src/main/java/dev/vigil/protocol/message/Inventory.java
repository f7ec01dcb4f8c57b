package dev.vigil.protocol.message;

import java.util.List;

/**
 * What the agent tells the console about its machine once per session, after {@link Welcome}.
 *
 * @param hostname the host name
 * @param os the operating system's name and version
 * @param kernel the kernel version
 * @param architecture the CPU architecture, for example {@code amd64}
 * @param cpuModel the processor's name
 * @param physicalCores physical cores
 * @param logicalCores logical processors
 * @param memoryTotalBytes physical memory
 * @param ipAddresses the machine's non-loopback addresses, at most 64
 * @param agentVersion the agent's version
 * @param allowedCommands the commands its config allows
 * @param alertRules the levels of its alert rules that are on, at most 16; empty when an agent from
 *     before the field existed sent none
 */
public record Inventory(
    String hostname,
    String os,
    String kernel,
    String architecture,
    String cpuModel,
    int physicalCores,
    int logicalCores,
    long memoryTotalBytes,
    List<String> ipAddresses,
    String agentVersion,
    List<String> allowedCommands,
    List<RuleLevel> alertRules)
    implements AgentMessage {
  /** The most alert rules an inventory carries. */
  public static final int MAX_ALERT_RULES = 16;

  public Inventory {
    Checks.printable("hostname", hostname, 255);
    Checks.printable("os", os, 255);
    Checks.printable("kernel", kernel, 255);
    Checks.printable("architecture", architecture, 64);
    Checks.printable("cpuModel", cpuModel, 255);
    Checks.notNegative("physicalCores", physicalCores);
    Checks.notNegative("logicalCores", logicalCores);
    Checks.notNegative("memoryTotalBytes", memoryTotalBytes);
    ipAddresses = Checks.list("ipAddresses", ipAddresses, 64);
    ipAddresses.forEach(a -> Checks.printable("ipAddresses[]", a, 64));
    Checks.printable("agentVersion", agentVersion, 64);
    allowedCommands = Checks.list("allowedCommands", allowedCommands, 64);
    allowedCommands.forEach(c -> Checks.name("allowedCommands[]", c));
    alertRules = Checks.list("alertRules", alertRules, MAX_ALERT_RULES);
  }

  /** An inventory without alert rules, as an agent from before the field sends it. */
  public Inventory(
      String hostname,
      String os,
      String kernel,
      String architecture,
      String cpuModel,
      int physicalCores,
      int logicalCores,
      long memoryTotalBytes,
      List<String> ipAddresses,
      String agentVersion,
      List<String> allowedCommands) {
    this(
        hostname,
        os,
        kernel,
        architecture,
        cpuModel,
        physicalCores,
        logicalCores,
        memoryTotalBytes,
        ipAddresses,
        agentVersion,
        allowedCommands,
        List.of());
  }

  /** This inventory with the levels of the agent's alert rules. */
  public Inventory withAlertRules(List<RuleLevel> rules) {
    return new Inventory(
        hostname,
        os,
        kernel,
        architecture,
        cpuModel,
        physicalCores,
        logicalCores,
        memoryTotalBytes,
        ipAddresses,
        agentVersion,
        allowedCommands,
        rules);
  }
}
