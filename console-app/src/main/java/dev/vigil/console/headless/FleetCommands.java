package dev.vigil.console.headless;

import static dev.vigil.console.headless.Formats.gib;
import static dev.vigil.console.headless.Formats.lastSeen;
import static dev.vigil.console.headless.Formats.percent;

import dev.vigil.console.manager.api.AgentSnapshot;
import dev.vigil.console.manager.api.AgentView;
import dev.vigil.console.manager.api.Metric;
import dev.vigil.console.manager.api.MinuteAggregate;
import dev.vigil.protocol.command.Command;
import dev.vigil.protocol.message.StatsReport;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Parameters;

/** Reading the fleet: the agents, one agent's stats and top processes, a metric's history. */
final class FleetCommands {
  private static final String ROW = "%-8s  %-24s  %-7s  %6s  %15s  %6s  %s";
  private final Session session;

  FleetCommands(Session session) {
    this.session = session;
  }

  @CommandLine.Command(
      name = "agents",
      aliases = {"list", "ls"},
      description = "list agents with their status and latest stats")
  void agents() {
    List<AgentSnapshot> agents = session.api().agents();
    session
        .out()
        .data(
            agents,
            text -> {
              if (agents.isEmpty()) {
                text.line(
                    "No agents yet. Make a token with 'token' for the exact command, or start one"
                        + " with: ./vigil agent --manager HOST:%d %s (it waits as pending)",
                    session.api().info().agentListener().getPort(),
                    session
                        .api()
                        .info()
                        .keyFingerprint()
                        .map(f -> "--console-fingerprint " + f)
                        .orElse("--insecure"));
                return;
              }
              text.line(ROW, "ID", "HOST", "STATUS", "CPU%", "MEMORY", "PROCS", "LAST SEEN");
              for (AgentSnapshot a : agents) {
                StatsReport s = a.stats();
                text.line(
                    ROW,
                    a.agentId().substring(0, 8),
                    a.hostname(),
                    a.status(),
                    s == null ? "-" : percent(s.cpuPercent()),
                    s == null
                        ? "-"
                        : gib(s.memoryUsedBytes()) + "/" + gib(s.memoryTotalBytes()) + " GiB",
                    s == null ? "-" : s.processCount(),
                    lastSeen(a.lastSeenMillis()));
              }
            });
  }

  @CommandLine.Command(
      name = "stats",
      aliases = "show",
      description = "show one agent's latest stats, machine, disks and top processes")
  void stats(@Parameters(paramLabel = "AGENT", description = Session.AGENT) AgentSnapshot agent) {
    AgentView view = session.api().view(agent.agentId()).orElse(null);
    Map<String, Object> both = new LinkedHashMap<>();
    both.put("agent", agent);
    both.put("details", view == null ? null : view.details());
    session.out().data(both, text -> StatsText.write(text, agent, view));
  }

  @CommandLine.Command(
      name = "processes",
      aliases = "ps",
      description = "the agent's top processes")
  void processes(
      @Parameters(paramLabel = "AGENT", description = Session.AGENT) AgentSnapshot agent) {
    PowerCommands.send(session, agent, Command.PROCESSES, Map.of(), true);
  }

  @CommandLine.Command(name = "history", description = "one-minute min/avg/max of a metric")
  void history(
      @Parameters(paramLabel = "AGENT", description = Session.AGENT) AgentSnapshot agent,
      @Parameters(
              paramLabel = "METRIC",
              arity = "0..1",
              defaultValue = "cpu",
              description =
                  "cpu, memory, swap, load1, net_in, net_out, disk_read or disk_write (default cpu)")
          Metric metric,
      @Parameters(
              paramLabel = "MINUTES",
              arity = "0..1",
              defaultValue = "60",
              description = "how far back (default 60)")
          int minutes) {
    Instant to = Instant.now();
    List<MinuteAggregate> rows =
        session.api().history(agent.agentId(), metric, to.minus(Duration.ofMinutes(minutes)), to);
    session.out().data(rows, text -> historyTable(text, agent, metric, rows));
  }

  private static void historyTable(
      Renderer.Lines text, AgentSnapshot agent, Metric metric, List<MinuteAggregate> rows) {
    if (rows.isEmpty()) {
      text.line("No %s history for %s in that time.", metric.key(), agent.hostname());
      return;
    }
    text.line(
        "%-5s  %7s  %10s  %10s  %10s   %s of %s",
        "TIME", "SAMPLES", "MIN", "AVG", "MAX", metric.label(), agent.hostname());
    for (MinuteAggregate m : rows) {
      text.line(
          "%-5s  %7d  %10.2f  %10.2f  %10.2f",
          Formats.minute(m.minuteMillis()), m.samples(), m.min(), m.avg(), m.max());
    }
  }
}
