package dev.vigil.console.headless;

import dev.vigil.console.manager.api.ManagerLink;
import dev.vigil.console.manager.api.ManagerLinks;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Parameters;

/** The managers an attached console holds: listing them, attaching to one more, letting one go. */
final class ManagerCommands {
  private static final String EMBEDDED =
      "This console runs its own manager; attach with --connect to hold several.";

  private final Session session;

  ManagerCommands(Session session) {
    this.session = session;
  }

  private Optional<ManagerLinks> links() {
    Optional<ManagerLinks> links = session.api().managerLinks();
    if (links.isEmpty()) {
      session.out().fail("%s", EMBEDDED);
    }
    return links;
  }

  @CommandLine.Command(
      name = "managers",
      description = "list the managers this console is attached to, and how each stands")
  void managers() {
    links()
        .ifPresent(
            l -> {
              List<ManagerLink> all = l.links();
              session
                  .out()
                  .data(
                      all,
                      text -> {
                        for (ManagerLink m : all) {
                          text.line(
                              "%-28s %-12s %6d agents  %s",
                              m.name(),
                              m.attached() ? "attached" : "unreachable",
                              m.agents(),
                              m.sentence());
                        }
                      });
            });
  }

  @CommandLine.Command(
      name = "connect-manager",
      description = "attach to one more manager (remembered for the next start)",
      footer = "For example: connect-manager vigil-eu.example.com:7472 SHA256:… TOKEN")
  void connect(
      @Parameters(paramLabel = "HOST:PORT", description = "its operator channel") String hostPort,
      @Parameters(
              paramLabel = "FINGERPRINT",
              arity = "0..1",
              description = "its key, the first time (it prints it at start)")
          String fingerprint,
      @Parameters(
              paramLabel = "TOKEN",
              arity = "0..1",
              description = "an operator token from its admin, the first time")
          String token) {
    links()
        .ifPresent(
            l -> {
              try {
                ManagerLink m = l.connect(hostPort, token, fingerprint);
                session.out().say("Attached to %s: %s", m.name(), m.sentence());
              } catch (IOException | IllegalArgumentException e) {
                session.out().fail("%s", e.getMessage());
              }
            });
  }

  @CommandLine.Command(
      name = "disconnect-manager",
      description = "detach from a manager and forget it (not the first one)")
  void disconnect(@Parameters(paramLabel = "HOST:PORT") String name) {
    links()
        .ifPresent(
            l -> {
              if (l.disconnect(name)) {
                session.out().say("Detached from %s.", name);
              } else {
                session
                    .out()
                    .fail(
                        "%s is not a manager this console may let go (see 'managers'; the first"
                            + " stays).",
                        name);
              }
            });
  }
}
