package dev.vigil.console.headless;

import dev.vigil.console.manager.AgentSnapshot;
import dev.vigil.console.manager.AgentStatus;
import dev.vigil.console.manager.AlertEvent;
import dev.vigil.console.manager.CommandOutcome;
import dev.vigil.console.manager.ConsoleManager;
import dev.vigil.protocol.StatsReport;
import dev.vigil.protocol.tls.Fingerprint;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;

/**
 * The original design's text command interface over the manager: one command per line on stdin,
 * answers on stdout. Runs on the calling thread until {@code quit} or end of input.
 */
public final class HeadlessConsole {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

  private static final DateTimeFormatter TIME_AND_DATE =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.systemDefault());

  private final ConsoleManager manager;
  private final BufferedReader in;
  private final PrintStream out;

  public HeadlessConsole(ConsoleManager manager, BufferedReader in, PrintStream out) {
    this.manager = manager;
    this.in = in;
    this.out = out;
  }

  /** Reads and runs commands until {@code quit} or end of input. */
  public void run() throws IOException {
    out.println("Type 'help' for commands.");
    prompt();
    String line;
    while ((line = in.readLine()) != null) {
      String[] words = line.trim().split("\\s+");
      String command = words[0].toLowerCase(Locale.ROOT);
      switch (command) {
        case "" -> {}
        case "help", "?" -> help();
        case "agents", "list", "ls" -> agents();
        case "stats", "show" -> stats(words);
        case "restart" -> confirmed(words, "restart");
        case "shutdown" -> confirmed(words, "shutdown");
        case "kill" -> confirmed(words, "kill");
        case "processes", "ps" -> processes(words);
        case "alerts" -> alerts();
        case "ack" -> ack(words, line);
        case "snooze" -> snooze(words);
        case "export" -> export(words);
        case "token" -> token(words);
        case "pending" -> pending();
        case "connect" -> connect(words);
        case "approve" -> decide(words, "approve");
        case "reject" -> decide(words, "reject");
        case "forget" -> decide(words, "forget");
        case "fingerprint" ->
            out.println(
                manager
                    .fingerprint()
                    .map(f -> "Console key " + f)
                    .orElse("Insecure mode: no key."));
        case "udp" -> udp();
        case "quit", "exit" -> {
          out.println("Bye.");
          return;
        }
        default -> out.println("Unknown command '" + words[0] + "'. Type 'help' for commands.");
      }
      prompt();
    }
  }

  private void prompt() {
    out.print("vigil> ");
    out.flush();
  }

  private void help() {
    out.println("  agents              list agents with their status and latest stats");
    out.println(
        "  stats AGENT         show one agent's latest stats (AGENT: host name or id prefix)");
    out.println("  processes AGENT     the agent's top processes");
    out.println("  restart AGENT       restart an agent's machine (asks to confirm)");
    out.println("  shutdown AGENT      power an agent's machine off (asks to confirm)");
    out.println("  kill AGENT PID      terminate a process on an agent (asks to confirm)");
    out.println("  alerts              list recent alerts, newest first, with their ids");
    out.println("  ack ID [NOTE]       acknowledge an alert");
    out.println("  export FILE         write the whole alert history to FILE as CSV");
    out.println("  snooze AGENT [RULE] MINUTES  record but do not pop up that agent's alerts");
    out.println(
        "  token [USES] [HOURS] make an enrollment token (default 1 use, 24 h) and its command");
    out.println(
        "  pending             list agents waiting for approval, with their key fingerprints");
    out.println(
        "  connect HOST:PORT [SHA256:...]  dial an agent in server mode (--listen); with its");
    out.println("                      fingerprint it is approved on first contact");
    out.println("  approve AGENT       let a pending agent in");
    out.println("  reject AGENT        refuse an agent: no commands, its data is dropped");
    out.println("  forget AGENT        forget an agent and its key; it must enroll again");
    out.println("  fingerprint         show this console's key fingerprint");
    out.println("  udp                 alert datagram counters (accepted and dropped)");
    out.println("  quit                stop the console");
  }

  private void agents() {
    List<AgentSnapshot> agents = manager.agents();
    if (agents.isEmpty()) {
      out.println(
          "No agents yet. Start one with: ./vigil agent --manager HOST:"
              + manager.tcpAddress().getPort());
      return;
    }
    out.printf(
        "%-8s  %-24s  %-7s  %6s  %15s  %6s  %s%n",
        "ID", "HOST", "STATUS", "CPU%", "MEMORY", "PROCS", "LAST SEEN");
    for (AgentSnapshot a : agents) {
      StatsReport s = a.stats();
      out.printf(
          "%-8s  %-24s  %-7s  %6s  %15s  %6s  %s%n",
          a.agentId().substring(0, 8),
          a.hostname(),
          a.status(),
          s == null ? "-" : String.format("%.1f", s.cpuPercent()),
          s == null ? "-" : gib(s.memoryUsedBytes()) + "/" + gib(s.memoryTotalBytes()) + " GiB",
          s == null ? "-" : String.valueOf(s.processCount()),
          TIME.format(Instant.ofEpochMilli(a.lastSeenMillis())));
    }
  }

  private void stats(String[] words) {
    AgentSnapshot a = find(words);
    if (a == null) {
      return;
    }
    out.println("Agent    " + a.agentId());
    out.println("Host     " + a.hostname() + " (" + a.address() + ")");
    out.println("OS       " + a.os());
    out.println(
        "Status   "
            + a.status()
            + ", last seen "
            + TIME.format(Instant.ofEpochMilli(a.lastSeenMillis())));
    out.println("Allows   " + String.join(", ", a.allowedCommands()));
    StatsReport s = a.stats();
    if (s == null) {
      out.println("No stats yet.");
      return;
    }
    out.printf("CPU      %.1f %%%n", s.cpuPercent());
    out.printf(
        "Memory   %s of %s GiB (%.0f %%)%n",
        gib(s.memoryUsedBytes()), gib(s.memoryTotalBytes()), s.memoryPercent());
    out.println("Procs    " + s.processCount() + " processes, " + s.threadCount() + " threads");
    if (!s.cpuPerCore().isEmpty()) {
      out.println(
          "Cores    "
              + String.join(
                  " ", s.cpuPerCore().stream().map(c -> String.format("%.0f%%", c)).toList()));
    }
    if (!s.loadAverage().isEmpty()) {
      out.printf(
          "Load     %.2f %.2f %.2f%n",
          s.loadAverage().get(0), s.loadAverage().get(1), s.loadAverage().get(2));
    }
    out.printf("Swap     %s of %s GiB%n", gib(s.swapUsedBytes()), gib(s.swapTotalBytes()));
    out.printf(
        "Uptime   %s%n",
        java.time.Duration.ofSeconds(s.uptimeSeconds())
            .toString()
            .substring(2)
            .toLowerCase(Locale.ROOT));
    out.printf(
        "Disk     read %s/s, write %s/s%n",
        rate(s.diskReadBytesPerSecond()), rate(s.diskWriteBytesPerSecond()));
    for (var nif : s.network()) {
      out.printf(
          "Net      %-10s in %s/s, out %s/s%n",
          nif.name(), rate(nif.receiveBytesPerSecond()), rate(nif.transmitBytesPerSecond()));
    }
    out.printf(
        "Agent    %.1f %% of a core, %d MB resident%n",
        s.agentCpuPercent(), s.agentResidentBytes() >> 20);
    manager
        .details(a.agentId())
        .ifPresent(
            d -> {
              if (d.inventory() != null) {
                var i = d.inventory();
                out.println(
                    "Machine  "
                        + i.cpuModel()
                        + ", "
                        + i.physicalCores()
                        + " cores / "
                        + i.logicalCores()
                        + " threads, "
                        + gib(i.memoryTotalBytes())
                        + " GiB, "
                        + i.architecture()
                        + ", kernel "
                        + i.kernel());
                out.println(
                    "Address  "
                        + String.join(", ", i.ipAddresses())
                        + "  (agent "
                        + i.agentVersion()
                        + ")");
              }
              if (d.slow() != null) {
                for (var fs : d.slow().fileSystems()) {
                  out.printf(
                      "Disk     %-20s %-6s %s of %s GiB (%.0f %%)%n",
                      fs.mount(),
                      fs.type(),
                      gib(fs.usedBytes()),
                      gib(fs.totalBytes()),
                      fs.usedPercent());
                }
                d.slow().topByCpu().stream()
                    .limit(5)
                    .forEach(
                        p ->
                            out.printf(
                                "Top CPU  %7d %6.1f %%  %s%n", p.pid(), p.cpuPercent(), p.name()));
              }
            });
  }

  private static String rate(double bytesPerSecond) {
    if (bytesPerSecond >= 1024 * 1024) {
      return String.format("%.1f MiB", bytesPerSecond / (1024 * 1024));
    }
    return String.format("%.1f KiB", bytesPerSecond / 1024);
  }

  /** Power and kill commands: checked against the agent's allow-list, then confirmed. */
  private void confirmed(String[] words, String command) throws IOException {
    AgentSnapshot a = find(words);
    if (a == null) {
      return;
    }
    Map<String, String> arguments = Map.of();
    String what = command + " " + a.hostname() + " (" + a.address() + ")";
    if (command.equals("kill")) {
      if (words.length < 3 || !words[2].matches("[0-9]{1,10}")) {
        out.println(
            "Usage: kill AGENT PID, for example 'kill web-01 4242'; 'processes AGENT' lists them.");
        return;
      }
      arguments = Map.of("pid", words[2]);
      what = "kill process " + words[2] + " on " + a.hostname();
    }
    if (!a.allows(command)) {
      out.println(a.hostname() + " does not allow " + command + " in its configuration.");
      return;
    }
    out.print(
        Character.toUpperCase(what.charAt(0)) + what.substring(1) + "? Type 'yes' to confirm: ");
    out.flush();
    String answer = in.readLine();
    if (answer == null || !answer.trim().equalsIgnoreCase("yes")) {
      out.println("Nothing done.");
      return;
    }
    report(a, command, manager.sendCommand(a.agentId(), command, arguments));
  }

  private void processes(String[] words) {
    AgentSnapshot a = find(words);
    if (a != null) {
      report(a, "processes", manager.sendCommand(a.agentId(), "processes"));
    }
  }

  private void report(
      AgentSnapshot a, String command, java.util.concurrent.Future<CommandOutcome> pending) {
    try {
      CommandOutcome outcome = pending.get();
      if (command.equals("processes") && outcome.status() == CommandOutcome.Status.SUCCEEDED) {
        out.print(outcome.detail());
        return;
      }
      out.println(
          command + " " + a.hostname() + ": " + outcome.status() + " - " + outcome.detail());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException e) {
      out.println(command + " " + a.hostname() + ": failed - " + e.getCause().getMessage());
    }
  }

  private void alerts() {
    List<AlertEvent> alerts = manager.recentAlerts();
    if (alerts.isEmpty()) {
      out.println("No alerts.");
      return;
    }
    for (AlertEvent e : alerts) {
      String ack =
          manager
              .acknowledgement(e.id())
              .map(
                  a -> "  [acked by " + a.who() + (a.note().isEmpty() ? "" : ": " + a.note()) + "]")
              .orElse("");
      out.printf(
          "%5d  %s  %-8s  %-8s  %-20s  %-12s  %s (via %s)%s%s%n",
          e.id(),
          TIME.format(Instant.ofEpochMilli(e.alert().raisedAtMillis())),
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

  private void ack(String[] words, String line) {
    if (words.length < 2 || !words[1].matches("[0-9]{1,18}")) {
      out.println("Usage: ack ID [NOTE], with the ID from 'alerts'.");
      return;
    }
    String note = line.trim().split("\\s+", 3).length > 2 ? line.trim().split("\\s+", 3)[2] : "";
    String who = System.getProperty("user.name", "operator");
    out.println(
        manager.acknowledge(Long.parseLong(words[1]), who, note)
            ? "Acknowledged alert " + words[1] + "."
            : "No recent alert has the id " + words[1] + "; 'alerts' lists them.");
  }

  private void export(String[] words) {
    if (words.length < 2) {
      out.println("Usage: export FILE, for example 'export alerts.csv'.");
      return;
    }
    try {
      long rows = manager.store().exportAlerts(java.nio.file.Path.of(words[1]));
      out.println("Wrote " + rows + " alert(s) to " + words[1] + ".");
    } catch (IOException e) {
      out.println("Could not write " + words[1] + ": " + e.getMessage());
    }
  }

  private void snooze(String[] words) {
    if (words.length < 3) {
      out.println("Usage: snooze AGENT [RULE] MINUTES, for example 'snooze web-01 cpu 30'.");
      return;
    }
    AgentSnapshot a = find(words);
    if (a == null) {
      return;
    }
    String minutesText = words[words.length - 1];
    if (!minutesText.matches("[0-9]{1,6}")) {
      out.println("MINUTES must be a whole number, for example 30.");
      return;
    }
    String rule = words.length > 3 ? words[2] : null;
    java.time.Instant until =
        Instant.now().plus(java.time.Duration.ofMinutes(Long.parseLong(minutesText)));
    manager.snooze(a.agentId(), rule, until);
    out.println(
        "Snoozed "
            + (rule == null ? "all alerts" : "'" + rule + "' alerts")
            + " of "
            + a.hostname()
            + " until "
            + TIME.format(until)
            + ".");
  }

  private void token(String[] words) {
    int uses;
    long hours;
    try {
      uses = words.length > 1 ? Integer.parseInt(words[1]) : 1;
      hours = words.length > 2 ? Long.parseLong(words[2]) : 24;
    } catch (NumberFormatException e) {
      out.println("Usage: token [USES] [HOURS], for example 'token 5 48'.");
      return;
    }
    if (uses < 1 || uses > 100_000 || hours < 1 || hours > 24 * 365) {
      out.println("USES must be 1 to 100000 and HOURS 1 to 8760.");
      return;
    }
    var e = manager.createEnrollment(java.time.Duration.ofHours(hours), uses);
    out.println(
        "Token for "
            + uses
            + (uses == 1 ? " agent" : " agents")
            + ", valid until "
            + TIME_AND_DATE.format(e.expiresAt())
            + ". On the new machine run:");
    out.println("  " + e.command());
  }

  private void connect(String[] words) {
    if (words.length < 2 || words[1].lastIndexOf(':') <= 0) {
      out.println("Usage: connect HOST:PORT [SHA256:...], for example 'connect web-01:7472'.");
      return;
    }
    String target = words[1];
    int colon = target.lastIndexOf(':');
    int port;
    try {
      port = Integer.parseInt(target.substring(colon + 1));
    } catch (NumberFormatException e) {
      port = -1;
    }
    if (port < 1 || port > 65535) {
      out.println("The port must be a number from 1 to 65535.");
      return;
    }
    Fingerprint expected = null;
    if (words.length > 2) {
      try {
        expected = Fingerprint.parse(words[2]);
      } catch (IllegalArgumentException e) {
        out.println("That is not a fingerprint: " + e.getMessage() + ".");
        return;
      }
    }
    manager.connectTo(target.substring(0, colon), port, expected);
    out.println(
        "Dialling "
            + target
            + (expected == null ? "; it will appear as pending until you approve it." : "."));
  }

  private void pending() {
    List<AgentSnapshot> pending =
        manager.agents().stream().filter(a -> a.status() == AgentStatus.PENDING).toList();
    if (pending.isEmpty()) {
      out.println("No agents are waiting for approval.");
      return;
    }
    for (AgentSnapshot a : pending) {
      out.printf(
          "%-8s  %-24s  %-15s  %s%n",
          a.agentId().substring(0, 8), a.hostname(), a.address(), a.fingerprint());
    }
    out.println(
        "Compare each fingerprint with the one the agent logs, then 'approve ID' or 'reject ID'.");
  }

  private void decide(String[] words, String verb) {
    AgentSnapshot a = find(words);
    if (a == null) {
      return;
    }
    boolean done =
        switch (verb) {
          case "approve" -> manager.approve(a.agentId());
          case "reject" -> manager.reject(a.agentId());
          default -> manager.forget(a.agentId());
        };
    out.println(
        done
            ? verbPast(verb) + " " + a.hostname() + " (" + a.agentId().substring(0, 8) + ")."
            : a.hostname() + " is not known to this console any more.");
  }

  private static String verbPast(String verb) {
    return switch (verb) {
      case "approve" -> "Approved";
      case "reject" -> "Rejected";
      default -> "Forgot";
    };
  }

  private void udp() {
    var c = manager.udpCounters();
    out.printf(
        "accepted %d, dropped %d (forged %d, replayed %d, unknown agent %d, malformed %d)%n",
        c.accepted(), c.dropped(), c.forged(), c.replayed(), c.unknownAgent(), c.malformed());
  }

  private AgentSnapshot find(String[] words) {
    if (words.length < 2) {
      out.println("Which agent? Give a host name or the start of an id; 'agents' lists them.");
      return null;
    }
    String key = words[1];
    List<AgentSnapshot> matches =
        manager.agents().stream()
            .filter(
                a ->
                    a.hostname().equalsIgnoreCase(key)
                        || a.agentId().startsWith(key.toLowerCase(Locale.ROOT)))
            .toList();
    if (matches.size() == 1) {
      return matches.get(0);
    }
    out.println(
        matches.isEmpty()
            ? "No agent matches '" + key + "'; 'agents' lists them."
            : "'" + key + "' matches " + matches.size() + " agents; give more of the id.");
    return null;
  }

  private static String gib(long bytes) {
    return String.format("%.1f", bytes / (1024.0 * 1024 * 1024));
  }
}
