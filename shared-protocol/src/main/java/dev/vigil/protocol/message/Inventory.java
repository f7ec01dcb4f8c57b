package dev.vigil.protocol.message;

import dev.vigil.protocol.command.AllowedServices;
import dev.vigil.protocol.command.UnitName;
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
 * @param allowedServices the systemd units its {@code allow-services} lets a console restart, in
 *     canonical form, at most 64; optional (empty: none, or an agent from before the field)
 * @param tags the agent's tags, at most 32 ({@link Tags}); optional (empty: none)
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
    List<RuleLevel> alertRules,
    List<String> allowedServices,
    List<String> tags)
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
    allowedServices = Checks.list("allowedServices", allowedServices, AllowedServices.MAX_UNITS);
    for (String unit : allowedServices) {
      Checks.text("allowedServices[]", unit, UnitName.MAX_LENGTH);
      String canonical;
      try {
        canonical = UnitName.canonical(unit);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("allowedServices[]: " + e.getMessage());
      }
      if (!canonical.equals(unit)) {
        throw new IllegalArgumentException(
            "allowedServices[] must name units in full, with their type: '" + canonical + "'");
      }
    }
    tags = Checks.list("tags", tags, Tags.MAX_TAGS);
    for (String tag : tags) {
      Checks.text("tags[]", tag, Tags.MAX_LENGTH);
      try {
        Tags.check(tag);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("tags[]: " + e.getMessage());
      }
    }
  }

  /**
   * An inventory without allowed services or tags, as an agent from before those fields sends it.
   */
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
      List<String> allowedCommands,
      List<RuleLevel> alertRules) {
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
        alertRules,
        List.of(),
        List.of());
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
        rules,
        allowedServices,
        tags);
  }

  /** This inventory with the units the agent may restart and its tags. */
  public Inventory withServicesAndTags(List<String> services, List<String> agentTags) {
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
        alertRules,
        services,
        agentTags);
  }
}
