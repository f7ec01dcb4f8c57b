package dev.vigil.console.headless;

import dev.vigil.common.HostPort;
import dev.vigil.console.manager.api.AgentSnapshot;
import dev.vigil.console.manager.api.AgentStatus;
import dev.vigil.console.manager.api.Enrollment;
import dev.vigil.console.manager.api.FingerprintCheck;
import dev.vigil.console.manager.api.Operator;
import dev.vigil.protocol.tls.Fingerprint;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiPredicate;
import picocli.CommandLine;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Enrollment and trust: tokens for new agents, the pending ones, approving, refusing, dialling. */
final class TrustCommands {
  private final Session session;

  TrustCommands(Session session) {
    this.session = session;
  }

  @CommandLine.Command(
      name = "token",
      description = "make an enrollment token and the command that uses it",
      footer = "For example: token 5 48")
  void token(
      @Parameters(
              paramLabel = "USES",
              arity = "0..1",
              defaultValue = "1",
              description = "how many agents it admits, 1 to 100000 (default 1)")
          int uses,
      @Parameters(
              paramLabel = "HOURS",
              arity = "0..1",
              defaultValue = "24",
              description = "how long it is valid, 1 to 8760 (default 24)")
          int hours) {
    if (uses < 1 || uses > 100_000 || hours < 1 || hours > 24 * 365) {
      session.out().fail("USES must be 1 to 100000 and HOURS 1 to 8760.");
      return;
    }
    Enrollment e = session.api().enroll(session.operator(), Duration.ofHours(hours), uses);
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("token", e.token());
    data.put("expiresAt", e.expiresAt().toString());
    data.put("uses", e.uses());
    data.put("command", e.command());
    data.put("configLines", e.configLines());
    session
        .out()
        .data(
            data,
            text -> {
              text.line(
                  "Token for %d %s, valid until %s. On the new machine run:",
                  uses, uses == 1 ? "agent" : "agents", Formats.dateTime(e.expiresAt()));
              text.line("  %s", e.command());
              text.line("or, for an agent installed as a service, put in /etc/vigil/agent.conf:");
              e.configLines().lines().forEach(l -> text.line("  %s", l));
            });
  }

  @CommandLine.Command(
      name = "pending",
      description = "list agents waiting for approval, with their key fingerprints")
  void pending() {
    List<AgentSnapshot> pending =
        session.api().agents().stream().filter(a -> a.status() == AgentStatus.PENDING).toList();
    session
        .out()
        .data(
            pending,
            text -> {
              if (pending.isEmpty()) {
                text.line("No agents are waiting for approval.");
                return;
              }
              for (AgentSnapshot a : pending) {
                text.line(
                    "%s  %-8s  %-24s  %s",
                    a.fingerprint(), a.agentId().substring(0, 8), a.hostname(), a.address());
              }
              text.line(
                  "Compare each fingerprint with the one the agent logs, then 'approve ID' (it asks"
                      + " for the fingerprint's last %d characters) or 'reject ID'.",
                  FingerprintCheck.TYPED);
            });
  }

  @CommandLine.Command(
      name = "approve",
      description =
          "let a pending agent in, once you have compared its key fingerprint: type its last"
              + " characters when asked, or give the whole fingerprint",
      footer =
          "For example: approve web-01, or in a script: approve web-01 --fingerprint SHA256:...")
  void approve(
      @Parameters(paramLabel = "AGENT", description = Session.AGENT) AgentSnapshot agent,
      @Option(
              names = "--fingerprint",
              paramLabel = "SHA256:...",
              description = "the agent's whole key fingerprint, as it logs it; no question then")
          Fingerprint expected)
      throws IOException {
    String key = agent.fingerprint();
    if (expected != null) {
      if (!expected.value().equals(key)) {
        session
            .out()
            .fail(
                "%s presents the key %s, not %s; nothing done.",
                agent.hostname(), key, expected.value());
        return;
      }
    } else {
      Optional<String> typed =
          session
              .out()
              .ask(
                  List.of(
                      "Key fingerprint  " + key,
                      "of "
                          + agent.hostname()
                          + " ("
                          + agent.agentId().substring(0, 8)
                          + ") from "
                          + agent.address()
                          + ".",
                      FingerprintCheck.WHERE),
                  "Type its last " + FingerprintCheck.TYPED + " characters to approve it:");
      if (typed.isEmpty()) {
        session
            .out()
            .fail(
                "Nothing was typed; nothing done. A script gives --fingerprint SHA256:... (the"
                    + " agent's whole key fingerprint) instead.");
        return;
      }
      if (!FingerprintCheck.typedTail(key, typed.get())) {
        session.out().fail("Those are not the fingerprint's last characters; nothing done.");
        return;
      }
    }
    // The console approves only while the agent's key is the one compared here.
    if (!session.api().approve(session.operator(), agent.agentId(), Fingerprint.parse(key))) {
      session.out().fail("%s's key changed while you compared it; nothing done.", agent.hostname());
      return;
    }
    session.out().say("Approved %s (%s).", agent.hostname(), agent.agentId().substring(0, 8));
  }

  @CommandLine.Command(
      name = "reject",
      description = "refuse an agent: no commands, its data is dropped")
  void reject(@Parameters(paramLabel = "AGENT", description = Session.AGENT) AgentSnapshot agent) {
    decide(agent, session.api()::reject, "Rejected");
  }

  @CommandLine.Command(
      name = "forget",
      description = "forget an agent and its key; it must enroll again")
  void forget(@Parameters(paramLabel = "AGENT", description = Session.AGENT) AgentSnapshot agent) {
    decide(agent, session.api()::forget, "Forgot");
  }

  @CommandLine.Command(
      name = "rekey",
      description =
          "pin a reinstalled agent's new key in place of its old one, keeping its id (no forget and"
              + " re-approve, in which another peer could take the id)",
      footer = "For example: rekey web-01 SHA256:... (the key the agent logs at start)")
  void rekey(
      @Parameters(paramLabel = "AGENT", description = Session.AGENT) AgentSnapshot agent,
      @Parameters(paramLabel = "SHA256:...", description = "the agent's new key, as it logs it")
          Fingerprint key) {
    if (session.api().rekey(session.operator(), agent.agentId(), key)) {
      session
          .out()
          .say(
              "Re-keyed %s (%s) to %s; it is admitted when it connects with that key.",
              agent.hostname(), agent.agentId().substring(0, 8), key);
    } else {
      session.out().fail("%s is not known to this console any more.", agent.hostname());
    }
  }

  private void decide(AgentSnapshot agent, BiPredicate<Operator, String> decision, String done) {
    if (decision.test(session.operator(), agent.agentId())) {
      session.out().say("%s %s (%s).", done, agent.hostname(), agent.agentId().substring(0, 8));
    } else {
      session.out().fail("%s is not known to this console any more.", agent.hostname());
    }
  }

  @CommandLine.Command(
      name = "connect",
      description =
          "dial an agent in server mode (--listen); with its fingerprint it is approved on first"
              + " contact",
      footer = "For example: connect web-01:7472 SHA256:...")
  void connect(
      @Parameters(paramLabel = "HOST:PORT", description = "where the agent listens")
          HostPort target,
      @Parameters(
              paramLabel = "SHA256:...",
              arity = "0..1",
              description = "the agent's key fingerprint, as it logs it")
          Fingerprint expected) {
    session.api().connect(session.operator(), target.host(), target.port(), expected);
    session
        .out()
        .say(
            "Dialling %s:%d%s",
            target.host(),
            target.port(),
            expected == null ? "; it will appear as pending until you approve it." : ".");
  }
}
