package dev.vigil.console.headless;

import dev.vigil.console.manager.api.AgentSnapshot;
import dev.vigil.console.manager.api.AlertEvent;
import dev.vigil.console.manager.api.Problem;
import dev.vigil.console.manager.api.Snooze;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Alerts: the problems firing (or every recent alert), acknowledging one, snoozing an agent's,
 * exporting them all.
 */
final class AlertCommands {
  private final Session session;

  AlertCommands(Session session) {
    this.session = session;
  }

  @CommandLine.Command(
      name = "alerts",
      description =
          "list the problems firing (one per agent and rule), with the ids 'ack' takes;"
              + " --all lists every recent alert instead")
  void alerts(
      @Option(names = "--all", description = "every recent alert, newest first, resolved too")
          boolean all) {
    if (all) {
      recent();
      return;
    }
    List<Problem> problems = session.api().problems();
    session.out().data(problems, text -> problemList(text, problems));
  }

  private void problemList(Renderer.Lines text, List<Problem> problems) {
    text.line(ProblemCount.sentence(problems.size()));
    long now = System.currentTimeMillis();
    for (Problem p : problems) {
      String ack = "";
      if (p.acknowledged()) {
        String note = session.api().acknowledgement(p.alertId()).map(a -> a.note()).orElse("");
        ack =
            "  [acked by "
                + p.acknowledgedBy()
                + " at "
                + Formats.time(p.acknowledgedAtMillis())
                + (note.isEmpty() ? "" : ": " + note)
                + "]";
      }
      String snooze =
          p.snoozedAt(now)
              ? "  [snoozed by "
                  + (p.snoozedBy().isEmpty() ? "someone" : p.snoozedBy())
                  + " until "
                  + Formats.time(p.snoozedUntilMillis())
                  + "]"
              : "";
      text.line(
          "%5d  since %s  %-8s  %-8s  %-20s  %-12s  %s%s%s",
          p.alertId(),
          Formats.time(p.sinceMillis()),
          p.severity(),
          p.state(),
          p.hostname(),
          p.rule(),
          p.message(),
          ack,
          snooze);
    }
  }

  private void recent() {
    List<AlertEvent> alerts = session.api().recentAlerts();
    List<Map<String, Object>> data =
        alerts.stream()
            .map(
                e -> {
                  Map<String, Object> m = new LinkedHashMap<>();
                  m.put("alert", e);
                  m.put("acknowledgement", session.api().acknowledgement(e.id()).orElse(null));
                  return m;
                })
            .toList();
    session.out().data(data, text -> alertList(text, alerts));
  }

  private void alertList(Renderer.Lines text, List<AlertEvent> alerts) {
    if (alerts.isEmpty()) {
      text.line("No alerts.");
      return;
    }
    for (AlertEvent e : alerts) {
      String ack =
          session
              .api()
              .acknowledgement(e.id())
              .map(
                  a -> "  [acked by " + a.who() + (a.note().isEmpty() ? "" : ": " + a.note()) + "]")
              .orElse("");
      text.line(
          "%5d  %s  %-8s  %-8s  %-20s  %-12s  %s (via %s)%s%s",
          e.id(),
          Formats.time(e.alert().raisedAtMillis()),
          e.alert().severity(),
          e.alert().state(),
          e.hostname(),
          e.alert().rule(),
          e.alert().message(),
          e.channel(),
          e.snoozed() ? "  [snoozed]" : "",
          ack);
    }
  }

  @CommandLine.Command(name = "ack", description = "acknowledge an alert")
  void ack(
      @Parameters(paramLabel = "ID", description = "the alert's id, from 'alerts'") long id,
      @Parameters(paramLabel = "NOTE", arity = "0..*", description = "what you are doing about it")
          List<String> note) {
    String said = note == null ? "" : String.join(" ", note);
    if (session.api().acknowledge(session.operator(), id, said)) {
      session.out().say("Acknowledged alert %d.", id);
    } else {
      session.out().fail("No alert has the id %d; 'alerts' lists them.", id);
    }
  }

  @CommandLine.Command(
      name = "snooze",
      description = "record but do not pop up an agent's alerts, of one rule or all",
      footer = "For example: snooze web-01 cpu 30")
  void snooze(
      @Parameters(paramLabel = "AGENT", description = Session.AGENT) AgentSnapshot agent,
      @Parameters(
              paramLabel = "[RULE] MINUTES",
              arity = "1..2",
              hideParamSyntax = true,
              description = "the rule (all when left out) and for how long")
          List<String> ruleAndMinutes) {
    String minutesText = ruleAndMinutes.getLast();
    if (!minutesText.matches("[0-9]{1,6}")) {
      session.out().fail("MINUTES must be a whole number, for example 30.");
      return;
    }
    String rule = ruleAndMinutes.size() > 1 ? ruleAndMinutes.getFirst() : null;
    Instant until = Instant.now().plus(Duration.ofMinutes(Long.parseLong(minutesText)));
    session.api().snooze(session.operator(), agent.agentId(), rule, until);
    session
        .out()
        .say(
            "Snoozed %s of %s until %s.",
            rule == null ? "all alerts" : "'" + rule + "' alerts",
            agent.hostname(),
            Formats.time(until.toEpochMilli()));
  }

  @CommandLine.Command(name = "snoozes", description = "list running snoozes")
  void snoozes() {
    List<Snooze> running = session.api().snoozes();
    Map<String, Long> data = new LinkedHashMap<>();
    running.forEach(s -> data.put(s.agentId() + "/" + s.rule(), s.until().toEpochMilli()));
    session
        .out()
        .data(
            data,
            text -> {
              if (running.isEmpty()) {
                text.line("No snoozes are running.");
              }
              for (Snooze s : running) {
                text.line(
                    "%-24s  %-16s  until %s",
                    session
                        .api()
                        .agent(s.agentId())
                        .map(AgentSnapshot::hostname)
                        .orElse(s.agentId()),
                    s.rule().equals("*") ? "all rules" : s.rule(),
                    Formats.dateTime(s.until()));
              }
            });
  }

  @CommandLine.Command(
      name = "export",
      description = "write the whole alert history to FILE as CSV",
      footer = Session.EXPORT_FOOTER)
  void export(
      @Parameters(paramLabel = "FILE", description = "the CSV file to write") Path file,
      @Option(names = "--force", description = "replace FILE if it exists") boolean force) {
    try {
      long rows = session.api().exportAlerts(session.operator(), file, force);
      session.out().say("Wrote %d alert(s) to %s.", rows, file);
    } catch (IOException e) {
      session.out().fail("Could not write %s: %s", file, e.getMessage());
    }
  }
}
