package dev.vigil.console.headless;

import dev.vigil.console.manager.api.AuditCheck;
import dev.vigil.console.manager.api.UdpCounters;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The console itself: its key, its datagram counters, its history export, help and quitting. */
final class ConsoleCommands {
  private final Session session;
  private final Function<String, Optional<String>> usage;
  private boolean quitting;

  /**
   * @param usage the generated help of a command by name, or of them all for null
   */
  ConsoleCommands(Session session, Function<String, Optional<String>> usage) {
    this.session = session;
    this.usage = usage;
  }

  /** Whether the operator asked to stop. */
  boolean quitting() {
    return quitting;
  }

  @CommandLine.Command(name = "fingerprint", description = "show this console's key fingerprint")
  void fingerprint() {
    Optional<String> key = session.api().info().keyFingerprint();
    session
        .out()
        .data(
            key.orElse(null),
            text ->
                text.line("%s", key.map(f -> "Console key " + f).orElse("Insecure mode: no key.")));
  }

  @CommandLine.Command(
      name = "verify-audit",
      description = "check the audit log's hash chain and name the first row changed outside Vigil")
  void verifyAudit() {
    AuditCheck check = session.api().verifyAudit(session.operator());
    if (!check.intact()) {
      session.out().fail("%s", check.sentence());
      return;
    }
    session.out().data(check, text -> text.line("%s", check.sentence()));
  }

  @CommandLine.Command(name = "udp", description = "alert datagram counters (accepted and dropped)")
  void udp() {
    UdpCounters c = session.api().info().datagrams();
    session
        .out()
        .data(
            c,
            text ->
                text.line(
                    "accepted %d, dropped %d (forged %d, replayed %d, unknown agent %d, malformed"
                        + " %d)",
                    c.accepted(),
                    c.dropped(),
                    c.forged(),
                    c.replayed(),
                    c.unknownAgent(),
                    c.malformed()));
  }

  @CommandLine.Command(
      name = "export-history",
      description = "write metric history to FILE as CSV",
      footer = {"For example: export-history history.csv 24", Session.EXPORT_FOOTER})
  void exportHistory(
      @Parameters(paramLabel = "FILE", description = "the CSV file to write") Path file,
      @Parameters(
              paramLabel = "HOURS",
              arity = "0..1",
              defaultValue = "24",
              description = "how far back (default 24)")
          int hours,
      @Option(names = "--force", description = "replace FILE if it exists") boolean force) {
    Instant to = Instant.now();
    try {
      long rows =
          session
              .api()
              .exportHistory(
                  session.operator(), file, to.minus(Duration.ofHours(hours)), to, force);
      session.out().say("Wrote %d one-minute aggregate(s) to %s.", rows, file);
    } catch (IOException e) {
      session.out().fail("Could not write %s: %s", file, e.getMessage());
    }
  }

  @CommandLine.Command(
      name = "help",
      aliases = "?",
      helpCommand = true,
      description = "list the commands, or show one")
  void help(
      @Parameters(paramLabel = "COMMAND", arity = "0..1", description = "the command to show")
          String command) {
    usage
        .apply(command)
        .ifPresentOrElse(
            help -> session.out().data(help.stripTrailing(), text -> text.lines(help)),
            () -> session.out().fail("Unknown command '%s'. Type 'help' for commands.", command));
  }

  @CommandLine.Command(name = "quit", aliases = "exit", description = "stop the console")
  void quit() {
    quitting = true;
    session.out().say("Bye.");
  }
}
