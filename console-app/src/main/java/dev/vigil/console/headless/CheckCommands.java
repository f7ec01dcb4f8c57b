package dev.vigil.console.headless;

import dev.vigil.console.manager.api.AgentSnapshot;
import dev.vigil.console.manager.api.CheckMinute;
import dev.vigil.protocol.message.CheckMetric;
import dev.vigil.protocol.message.CheckResult;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Parameters;

/** Reading an agent's service checks: their latest runs, and a measured figure's history. */
final class CheckCommands {
  private static final String ROW = "%-16s  %-7s  %-8s  %-7s  %-8s  %8s  %s";
  private final Session session;

  CheckCommands(Session session) {
    this.session = session;
  }

  @CommandLine.Command(
      name = "checks",
      description = "an agent's service checks: state, problem, last run, duration, message")
  void checks(@Parameters(paramLabel = "AGENT", description = Session.AGENT) AgentSnapshot agent) {
    List<CheckResult> checks = agent.checks();
    session
        .out()
        .data(
            checks,
            text -> {
              if (checks.isEmpty()) {
                text.line(
                    "%s has no service checks (check.NAME = ... in its agent.conf; docs/agent.md).",
                    Formats.escape(agent.hostname()));
                return;
              }
              text.line(
                  "%s: %d of %d failing",
                  Formats.escape(agent.hostname()), agent.failingChecks(), checks.size());
              text.line(ROW, "CHECK", "TYPE", "STATE", "PROBLEM", "LAST RUN", "TOOK", "MESSAGE");
              for (CheckResult c : checks) {
                text.line(
                    ROW,
                    c.name(),
                    c.type(),
                    c.status(),
                    c.failing() ? "yes" : "no",
                    c.lastRunMillis() == 0 ? "never" : Formats.time(c.lastRunMillis()),
                    c.durationMillis() + " ms",
                    Formats.escape(c.message()) + metrics(c.metrics()));
              }
            });
  }

  private static String metrics(List<CheckMetric> metrics) {
    if (metrics.isEmpty()) {
      return "";
    }
    return metrics.stream()
        .map(m -> Formats.escape(m.name()) + "=" + figure(m.value()) + Formats.escape(m.unit()))
        .collect(Collectors.joining(" ", " [", "]"));
  }

  /** A measured figure in at most six significant digits, without trailing zeros: 42, 0.5. */
  static String figure(double v) {
    return new BigDecimal(v).round(new MathContext(6)).stripTrailingZeros().toPlainString();
  }

  @CommandLine.Command(
      name = "check-history",
      description = "one-minute min/avg/max of a figure a check measured")
  void history(
      @Parameters(paramLabel = "AGENT", description = Session.AGENT) AgentSnapshot agent,
      @Parameters(paramLabel = "CHECK", description = "the check's name, as 'checks' lists it")
          String check,
      @Parameters(
              paramLabel = "METRIC",
              description = "the figure's label, in brackets after the message in 'checks'")
          String metric,
      @Parameters(
              paramLabel = "MINUTES",
              arity = "0..1",
              defaultValue = "60",
              description = "how far back (default 60)")
          int minutes) {
    Instant to = Instant.now();
    List<CheckMinute> rows =
        session
            .api()
            .checkHistory(
                agent.agentId(), check, metric, to.minus(Duration.ofMinutes(minutes)), to);
    session
        .out()
        .data(
            rows,
            text -> {
              if (rows.isEmpty()) {
                text.line(
                    "No history of %s %s for %s in that time.",
                    Formats.escape(check),
                    Formats.escape(metric),
                    Formats.escape(agent.hostname()));
                return;
              }
              text.line(
                  "%-5s  %7s  %12s  %12s  %12s   %s %s of %s",
                  "TIME",
                  "RUNS",
                  "MIN",
                  "AVG",
                  "MAX",
                  Formats.escape(check),
                  Formats.escape(metric),
                  Formats.escape(agent.hostname()));
              for (CheckMinute m : rows) {
                text.line(
                    "%-5s  %7d  %12s  %12s  %12s",
                    Formats.minute(m.minuteMillis()),
                    m.samples(),
                    figure(m.min()),
                    figure(m.avg()),
                    figure(m.max()));
              }
            });
  }
}
