package dev.vigil.agent.probe;

import dev.vigil.protocol.message.Inventory;
import dev.vigil.protocol.message.ProcessInfo;
import dev.vigil.protocol.message.SlowReport;
import java.util.List;

/**
 * The messages and texts the agent builds from its probe besides the stats sample: the slow report
 * (file systems and top processes), the inventory a session starts with, and the process table the
 * {@code processes} command answers with. Thread-safe as far as the probe is.
 */
public final class MachineReports {
  private static final int TOP_PROCESSES = 15;
  private static final int MAX_TABLE_CHARS = 4000;

  private final SystemProbe probe;

  public MachineReports(SystemProbe probe) {
    this.probe = probe;
  }

  /** File systems and the top processes by CPU and by memory, sampled now. */
  public SlowReport slow() {
    return new SlowReport(
        System.currentTimeMillis(),
        probe.fileSystems(),
        probe.topProcesses(TOP_PROCESSES).stream().map(MachineReports::info).toList(),
        probe.topProcessesByMemory(TOP_PROCESSES).stream().map(MachineReports::info).toList());
  }

  private static ProcessInfo info(ProcessSample p) {
    return new ProcessInfo(p.pid(), p.name(), p.cpuPercent(), p.residentBytes());
  }

  /** What the machine is, with the agent's version and the commands it allows. */
  public Inventory inventory(String agentVersion, List<String> allowedCommands) {
    return probe.inventory(agentVersion, allowedCommands);
  }

  /** The top processes by CPU as a text table, cut to fit a command result. */
  public String processTable() {
    StringBuilder text =
        new StringBuilder(String.format("%8s %6s %10s  %s%n", "PID", "CPU%", "MEMORY", "NAME"));
    for (ProcessSample p : probe.topProcesses(TOP_PROCESSES)) {
      String line =
          String.format(
              "%8d %6.1f %7.1f MiB  %s%n",
              p.pid(), p.cpuPercent(), p.residentBytes() / 1048576.0, p.name());
      if (text.length() + line.length() > MAX_TABLE_CHARS) {
        break;
      }
      text.append(line);
    }
    return text.toString();
  }
}
