package dev.vigil.agent.probe;

import dev.vigil.protocol.message.FileSystemUsage;
import dev.vigil.protocol.message.Inventory;
import dev.vigil.protocol.message.StatsReport;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Vigil's own view of the machine, so that the rest of the agent never depends on how it is
 * measured. {@link #sample()} is called from one sampling thread; the slow probes (processes, file
 * systems) and the inventory from another, so implementations keep their state apart.
 */
public interface SystemProbe {
  /** Facts that do not change while the agent runs. */
  HostFacts facts();

  /** A fresh reading, stamped now; loads and rates cover the time since the previous call. */
  StatsReport sample();

  /** The processes using the most CPU, busiest first. */
  List<ProcessSample> topProcesses(int limit);

  /** The processes using the most memory, largest first. */
  default List<ProcessSample> topProcessesByMemory(int limit) {
    return List.of();
  }

  /** Real, disk-backed file systems with their usage. */
  default List<FileSystemUsage> fileSystems() {
    return List.of();
  }

  /** When the machine booted, if this probe can tell. */
  default Optional<Instant> bootTime() {
    return Optional.empty();
  }

  /** What the machine is, with the agent's version and the commands it allows. */
  default Inventory inventory(String agentVersion, List<String> allowedCommands) {
    HostFacts f = facts();
    return new Inventory(
        f.hostname(),
        f.os(),
        "unknown",
        "unknown",
        "unknown",
        0,
        0,
        0,
        List.of(),
        agentVersion,
        allowedCommands);
  }
}
