package dev.vigil.console.headless;

import dev.vigil.console.manager.api.Invitation;
import dev.vigil.console.manager.api.OperatorAccount;
import dev.vigil.console.manager.api.OperatorAdmin;
import dev.vigil.console.manager.api.Role;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Parameters;

/** The operators who attach over the network: listing, inviting and removing them (admins only). */
final class OperatorCommands {
  private final Session session;

  OperatorCommands(Session session) {
    this.session = session;
  }

  private Optional<OperatorAdmin> admin() {
    Optional<OperatorAdmin> admin = session.api().operatorAdmin();
    if (admin.isEmpty()) {
      session.out().fail("%s", OperatorAdmin.NO_CHANNEL);
    }
    return admin;
  }

  @CommandLine.Command(
      name = "operators",
      description =
          "list the operators who attach over the network, with their roles and keys, and the"
              + " invitations not used yet")
  void operators() {
    admin()
        .ifPresent(
            a -> {
              List<OperatorAccount> all = a.operators();
              List<dev.vigil.console.manager.api.PendingInvitation> waiting = a.invitations();
              Map<String, Object> data = new LinkedHashMap<>();
              data.put("operators", all);
              data.put("invitations", waiting);
              session
                  .out()
                  .data(
                      data,
                      text -> {
                        if (all.isEmpty()) {
                          text.line(
                              "No operators yet: the first admin attaches with the admin token.");
                        }
                        for (OperatorAccount o : all) {
                          text.line(
                              "%-20s %-8s %s  added by %s %s",
                              o.name(),
                              o.role().word(),
                              o.fingerprint(),
                              o.addedBy(),
                              Formats.dateTime(java.time.Instant.ofEpochMilli(o.addedAtMillis())));
                        }
                        for (var i : waiting) {
                          text.line(
                              "%-20s %-8s invited by %s, not attached yet; token valid until %s"
                                  + " (remove-operator %s withdraws it)",
                              i.name(),
                              i.role().word(),
                              i.invitedBy(),
                              Formats.dateTime(java.time.Instant.ofEpochMilli(i.expiresAtMillis())),
                              i.name());
                        }
                      });
            });
  }

  @CommandLine.Command(
      name = "invite",
      description = "make a single-use token that attaches a new operator's console",
      footer = "For example: invite alice operator 24")
  void invite(
      @Parameters(paramLabel = "NAME", description = "the operator's name") String name,
      @Parameters(paramLabel = "ROLE", description = "viewer, operator or admin") String roleWord,
      @Parameters(
              paramLabel = "HOURS",
              arity = "0..1",
              defaultValue = "24",
              description = "how long the token is valid, 1 to 720 (default 24)")
          int hours) {
    if (hours < 1 || hours > 720) {
      session.out().fail("HOURS must be 1 to 720.");
      return;
    }
    Role role;
    try {
      role = Role.ofWord(roleWord);
    } catch (IllegalArgumentException e) {
      session.out().fail("%s.", e.getMessage());
      return;
    }
    Optional<OperatorAdmin> admin = admin();
    if (admin.isEmpty()) {
      return;
    }
    Invitation i;
    try {
      i = admin.get().invite(session.operator(), name, role, Duration.ofHours(hours));
    } catch (IllegalArgumentException e) {
      session.out().fail("%s.", e.getMessage());
      return;
    }
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("name", i.name());
    data.put("role", i.role().word());
    data.put("token", i.token());
    data.put("expiresAt", i.expiresAt().toString());
    data.put("command", i.command());
    session
        .out()
        .data(
            data,
            text -> {
              text.line(
                  "Token for %s (%s), single use, valid until %s. On their computer run:",
                  i.name(), i.role().word(), Formats.dateTime(i.expiresAt()));
              text.line("  %s", i.command());
            });
  }

  @CommandLine.Command(
      name = "remove-operator",
      description =
          "remove an operator (their consoles are detached at once), or withdraw an invitation"
              + " not used yet")
  void removeOperator(
      @Parameters(paramLabel = "NAME", description = "the operator's name") String name) {
    admin()
        .ifPresent(
            a -> {
              if (a.remove(session.operator(), name)) {
                session
                    .out()
                    .say("Removed %s; their consoles are detached and their token is void.", name);
              } else {
                session
                    .out()
                    .fail("No operator or invitation called %s: 'operators' lists them.", name);
              }
            });
  }
}
