package dev.vigil.console.headless;

import static dev.vigil.console.headless.Formats.gib;
import static dev.vigil.console.headless.Formats.percent;
import static dev.vigil.console.headless.Formats.rate;
import static dev.vigil.console.headless.Formats.time;
import static dev.vigil.console.headless.Formats.wholePercent;

import dev.vigil.console.manager.api.AgentDetails;
import dev.vigil.console.manager.api.AgentSnapshot;
import dev.vigil.console.manager.api.AgentView;
import dev.vigil.protocol.message.FileSystemUsage;
import dev.vigil.protocol.message.InterfaceRate;
import dev.vigil.protocol.message.Inventory;
import dev.vigil.protocol.message.StatsReport;

/** One agent's picture as {@code stats} prints it for people: one figure a line. */
final class StatsText {
  /** How much of a command line a terminal line shows. */
  private static final int COMMAND_CHARS = 60;

  private StatsText() {}

  static void write(Renderer.Lines text, AgentSnapshot a, AgentView view) {
    text.line("Agent    %s", a.agentId());
    text.line("Host     %s (%s)", a.hostname(), a.address());
    text.line("OS       %s", a.os());
    text.line("Status   %s, last seen %s", a.status(), Formats.lastSeen(a.lastSeenMillis()));
    text.line("Allows   %s", String.join(", ", a.allowedCommands()));
    if (!a.allowedServices().isEmpty()) {
      text.line("Services %s (restart-service)", String.join(", ", a.allowedServices()));
    }
    if (!a.tags().isEmpty()) {
      text.line("Tags     %s", String.join(", ", a.tags()));
    }
    StatsReport s = a.stats();
    if (s == null) {
      text.line("No stats yet.");
      return;
    }
    stats(text, s);
    AgentDetails d = view == null ? null : view.details();
    if (d != null && d.inventory() != null) {
      machine(text, d.inventory());
    }
    if (d != null && d.slow() != null) {
      for (FileSystemUsage fs : d.slow().fileSystems()) {
        text.line(
            "Disk     %-20s %-6s %s of %s GiB (%s %%)",
            fs.mount(),
            fs.type(),
            gib(fs.usedBytes()),
            gib(fs.totalBytes()),
            wholePercent(fs.usedPercent()));
      }
      long age = Math.max(0, (System.currentTimeMillis() - d.slow().sampledAtMillis()) / 1000);
      text.line("Sampled  %s (%d s ago)", time(d.slow().sampledAtMillis()), age);
      d.slow().topByCpu().stream()
          .limit(5)
          .forEach(
              p ->
                  text.line(
                      "Top CPU  %7d %6s %%  %-12s %-16s %s",
                      p.pid(),
                      percent(p.cpuPercent()),
                      cut(p.user() == null ? "-" : p.user(), 12),
                      cut(p.name(), 16),
                      cut(p.commandLine() == null ? "-" : p.commandLine(), COMMAND_CHARS)));
    }
  }

  private static void stats(Renderer.Lines text, StatsReport s) {
    text.line("CPU      %s %%", percent(s.cpuPercent()));
    text.line(
        "Memory   %s of %s GiB (%s %%)",
        gib(s.memoryUsedBytes()), gib(s.memoryTotalBytes()), wholePercent(s.memoryPercent()));
    text.line("Procs    %d processes, %d threads", s.processCount(), s.threadCount());
    if (!s.cpuPerCore().isEmpty()) {
      text.line(
          "Cores    %s",
          String.join(" ", s.cpuPerCore().stream().map(c -> wholePercent(c) + "%").toList()));
    }
    if (!s.loadAverage().isEmpty()) {
      text.line(
          "Load     %.2f %.2f %.2f",
          s.loadAverage().get(0), s.loadAverage().get(1), s.loadAverage().get(2));
    }
    text.line("Swap     %s of %s GiB", gib(s.swapUsedBytes()), gib(s.swapTotalBytes()));
    text.line("Uptime   %s", Formats.uptime(s.uptimeSeconds()));
    text.line(
        "Disk     read %s/s, write %s/s",
        rate(s.diskReadBytesPerSecond()), rate(s.diskWriteBytesPerSecond()));
    for (InterfaceRate nif : s.network()) {
      text.line(
          "Net      %-10s in %s/s, out %s/s",
          nif.name(), rate(nif.receiveBytesPerSecond()), rate(nif.transmitBytesPerSecond()));
    }
    text.line(
        "Agent    %s %% of a core, %d MB resident",
        percent(s.agentCpuPercent()), s.agentResidentBytes() >> 20);
  }

  private static void machine(Renderer.Lines text, Inventory i) {
    text.line(
        "Machine  %s, %d cores / %d threads, %s GiB, %s, kernel %s",
        i.cpuModel(),
        i.physicalCores(),
        i.logicalCores(),
        gib(i.memoryTotalBytes()),
        i.architecture(),
        i.kernel());
    text.line("Address  %s  (agent %s)", String.join(", ", i.ipAddresses()), i.agentVersion());
  }

  /** At most {@code max} characters, the cut shown by an ellipsis. */
  private static String cut(String text, int max) {
    return text.length() <= max ? text : text.substring(0, max - 1) + "…";
  }
}
