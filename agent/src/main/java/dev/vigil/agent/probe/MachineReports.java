package dev.vigil.agent.probe;

import dev.vigil.protocol.message.Inventory;
import dev.vigil.protocol.message.ProcessInfo;
import dev.vigil.protocol.message.SlowReport;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * The messages and texts the agent builds from its probe besides the stats sample: the slow report
 * (file systems and top processes), the inventory a session starts with, and the process table the
 * {@code processes} command answers with. Thread-safe as far as the probe is.
 */
public final class MachineReports {
  private static final int TOP_PROCESSES = 15;
  private static final int MAX_TABLE_CHARS = 4000;
  private static final int TABLE_COMMAND_CHARS = 60;
  private static final DateTimeFormatter SAMPLED_AT =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

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
    return new ProcessInfo(
        p.pid(), p.name(), p.cpuPercent(), p.residentBytes(), p.user(), p.commandLine());
  }

  /** What the machine is, with the agent's version and the commands it allows. */
  public Inventory inventory(String agentVersion, List<String> allowedCommands) {
    return probe.inventory(agentVersion, allowedCommands);
  }

  /**
   * The top processes by CPU as a text table, cut to fit a command result: a line with the time of
   * the sample, a header line, then one line per process with its user and the start of its command
   * line.
   */
  public String processTable() {
    StringBuilder text =
        new StringBuilder(
            String.format(
                "Sampled at %s%n%8s %6s %10s  %-12s %-16s %s%n",
                SAMPLED_AT.format(Instant.now()),
                "PID",
                "CPU%",
                "MEMORY",
                "USER",
                "NAME",
                "COMMAND"));
    for (ProcessSample p : probe.topProcesses(TOP_PROCESSES)) {
      String line =
          String.format(
              "%8d %6.1f %7.1f MiB  %-12s %-16s %s%n",
              p.pid(),
              p.cpuPercent(),
              p.residentBytes() / 1048576.0,
              cut(p.user() == null ? "-" : p.user(), 12),
              cut(p.name(), 16),
              cut(p.commandLine() == null ? "-" : p.commandLine(), TABLE_COMMAND_CHARS));
      if (text.length() + line.length() > MAX_TABLE_CHARS) {
        break;
      }
      text.append(line);
    }
    return text.toString();
  }

  private static String cut(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max - 1) + "…";
  }
}
