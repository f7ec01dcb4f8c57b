package dev.vigil.console.headless;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import dev.vigil.console.manager.api.AgentSnapshot;
import dev.vigil.console.manager.api.AgentStatus;
import dev.vigil.console.manager.api.AgentView;
import dev.vigil.console.manager.api.AlertEvent;
import dev.vigil.console.manager.api.CommandOutcome;
import dev.vigil.console.manager.api.Metric;
import dev.vigil.console.manager.api.MinuteAggregate;
import dev.vigil.console.manager.api.Operator;
import dev.vigil.console.manager.api.OperatorApi;
import dev.vigil.protocol.command.Command;
import dev.vigil.protocol.message.StatsReport;
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

  private final OperatorApi manager;
  private final Operator operator = Operator.local();
  private final BufferedReader in;
  private final PrintStream out;
  private final boolean json;
  private final Gson gson = new GsonBuilder().serializeSpecialFloatingPointValues().create();
  private String current = "";

  /** A console for people: sentences and tables, with a prompt. */
  public HeadlessConsole(OperatorApi manager, BufferedReader in, PrintStream out) {
    this(manager, in, out, false);
  }

  /**
   * A console for people, or with {@code json} for scripts: then every command is answered by
   * exactly one line of JSON ({@code {"command":…,"ok":true,"data":…}} or {@code "ok":false} with
   * an {@code "error"} sentence), there is no prompt, and power commands need {@code --yes} instead
   * of a typed confirmation.
   */
  public HeadlessConsole(OperatorApi manager, BufferedReader in, PrintStream out, boolean json) {
    this.manager = manager;
    this.in = in;
    this.out = out;
    this.json = json;
  }

  /** Reads and runs commands until {@code quit} or end of input. */
  public void run() throws IOException {
    if (!json) {
      out.println("Type 'help' for commands.");
    }
    prompt();
    String line;
    while ((line = in.readLine()) != null) {
      List<String> all = new java.util.ArrayList<>(List.of(line.trim().split("\\s+")));
      boolean yes = all.size() > 1 && all.remove("--yes");
      String[] words = all.toArray(String[]::new);
      String command = words[0].toLowerCase(Locale.ROOT);
      current = command;
      switch (command) {
        case "" -> {}
        case "help", "?" -> help();
        case "agents", "list", "ls" -> agents();
        case "stats", "show" -> stats(words);
        case "restart" -> confirmed(words, "restart", yes);
        case "shutdown" -> confirmed(words, "shutdown", yes);
        case "kill" -> confirmed(words, "kill", yes);
        case "processes", "ps" -> processes(words);
        case "alerts" -> alerts();
        case "ack" -> ack(words, line);
        case "snooze" -> snooze(words);
        case "export" -> export(words);
        case "history" -> history(words);
        case "export-history" -> exportHistory(words);
        case "snoozes" -> snoozes();
        case "token" -> token(words);
        case "pending" -> pending();
        case "connect" -> connect(words);
        case "approve" -> decide(words, "approve");
        case "reject" -> decide(words, "reject");
        case "forget" -> decide(words, "forget");
        case "fingerprint" -> fingerprint();
        case "udp" -> udp();
        case "quit", "exit" -> {
          say("Bye.");
          return;
        }
        default -> fail("Unknown command '" + words[0] + "'. Type 'help' for commands.");
      }
      prompt();
    }
  }

  private void prompt() {
    if (!json) {
      out.print("vigil> ");
    }
    out.flush();
  }

  /** Answers with a sentence: success. */
  private void say(String sentence) {
    if (json) {
      reply(true, "message", sentence);
    } else {
      out.println(sentence);
    }
  }

  /** Answers with a sentence: the command did nothing, and the sentence says why. */
  private void fail(String sentence) {
    if (json) {
      reply(false, "error", sentence);
    } else {
      out.println(sentence);
    }
  }

  /** In JSON mode, answers with data; returns false in text mode, where the caller prints. */
  private boolean data(Object value) {
    if (json) {
      reply(true, "data", value);
    }
    return json;
  }

  private void reply(boolean ok, String key, Object value) {
    Map<String, Object> answer = new java.util.LinkedHashMap<>();
    answer.put("command", current);
    answer.put("ok", ok);
    answer.put(key, value);
    out.println(gson.toJson(answer));
  }

  private void fingerprint() {
    if (data(manager.info().fingerprint())) {
      return;
    }
    out.println(
        manager
            .info()
            .keyFingerprint()
            .map(f -> "Console key " + f)
            .orElse("Insecure mode: no key."));
  }

  private void help() {
    if (json) {
      say("See 'help' without --json for the commands; every answer is one JSON line.");
      return;
    }
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
    out.println(
        "  history AGENT [METRIC] [MINUTES]  one-minute min/avg/max of cpu, memory, swap, load1,");
    out.println("                      net_in, net_out, disk_read, disk_write (default cpu, 60)");
    out.println(
        "  export-history FILE [HOURS]  write metric history to FILE as CSV (default 24 h)");
    out.println("  snoozes             list running snoozes");
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
    out.println("Power commands ask to confirm; add --yes to skip that. Start with --json for");
    out.println("scripts: one JSON line per command.");
  }

  private void agents() {
    List<AgentSnapshot> agents = manager.agents();
    if (data(agents)) {
      return;
    }
    if (agents.isEmpty()) {
      out.println(
          "No agents yet. Start one with: ./vigil agent --manager HOST:"
              + manager.info().agentListener().getPort());
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
    Map<String, Object> both = new java.util.LinkedHashMap<>();
    both.put("agent", a);
    both.put("details", manager.view(a.agentId()).map(AgentView::details).orElse(null));
    if (data(both)) {
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
        .view(a.agentId())
        .map(AgentView::details)
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
  private void confirmed(String[] words, String command, boolean yes) throws IOException {
    AgentSnapshot a = find(words);
    if (a == null) {
      return;
    }
    Map<String, String> arguments = Map.of();
    String what = command + " " + a.hostname() + " (" + a.address() + ")";
    if (command.equals("kill")) {
      if (words.length < 3 || !words[2].matches("[0-9]{1,10}")) {
        fail(
            "Usage: kill AGENT PID, for example 'kill web-01 4242'; 'processes AGENT' lists them.");
        return;
      }
      arguments = Map.of("pid", words[2]);
      what = "kill process " + words[2] + " on " + a.hostname();
    }
    if (!a.allows(Command.parse(command))) {
      fail(a.hostname() + " does not allow " + command + " in its configuration.");
      return;
    }
    if (!yes && json) {
      fail("Add --yes to confirm: " + what + ".");
      return;
    }
    if (!yes) {
      out.print(
          Character.toUpperCase(what.charAt(0)) + what.substring(1) + "? Type 'yes' to confirm: ");
      out.flush();
      String answer = in.readLine();
      if (answer == null || !answer.trim().equalsIgnoreCase("yes")) {
        out.println("Nothing done.");
        return;
      }
    }
    report(a, command, manager.send(operator, a.agentId(), Command.parse(command), arguments));
  }

  private void processes(String[] words) {
    AgentSnapshot a = find(words);
    if (a != null) {
      report(a, "processes", manager.send(operator, a.agentId(), Command.PROCESSES, Map.of()));
    }
  }

  private void report(
      AgentSnapshot a, String command, java.util.concurrent.Future<CommandOutcome> pending) {
    try {
      CommandOutcome outcome = pending.get();
      if (json) {
        reply(
            outcome.status() == CommandOutcome.Status.SUCCEEDED
                || outcome.status() == CommandOutcome.Status.ACKNOWLEDGED,
            "data",
            outcome);
        return;
      }
      if (command.equals("processes") && outcome.status() == CommandOutcome.Status.SUCCEEDED) {
        out.print(outcome.detail());
        return;
      }
      out.println(
          command + " " + a.hostname() + ": " + outcome.status() + " - " + outcome.detail());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException e) {
      fail(command + " " + a.hostname() + ": failed - " + e.getCause().getMessage());
    }
  }

  private void alerts() {
    List<AlertEvent> alerts = manager.recentAlerts();
    if (json) {
      data(
          alerts.stream()
              .map(
                  e -> {
                    Map<String, Object> m = new java.util.LinkedHashMap<>();
                    m.put("alert", e);
                    m.put("acknowledgement", manager.acknowledgement(e.id()).orElse(null));
                    return m;
                  })
              .toList());
      return;
    }
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
      fail("Usage: ack ID [NOTE], with the ID from 'alerts'.");
      return;
    }
    String note = line.trim().split("\\s+", 3).length > 2 ? line.trim().split("\\s+", 3)[2] : "";
    if (manager.acknowledge(operator, Long.parseLong(words[1]), note)) {
      say("Acknowledged alert " + words[1] + ".");
    } else {
      fail("No alert has the id " + words[1] + "; 'alerts' lists them.");
    }
  }

  private void export(String[] words) {
    if (words.length < 2) {
      fail("Usage: export FILE, for example 'export alerts.csv'.");
      return;
    }
    try {
      long rows = manager.exportAlerts(operator, java.nio.file.Path.of(words[1]));
      say("Wrote " + rows + " alert(s) to " + words[1] + ".");
    } catch (IOException e) {
      fail("Could not write " + words[1] + ": " + e.getMessage());
    }
  }

  private void history(String[] words) {
    AgentSnapshot a = find(words);
    if (a == null) {
      return;
    }
    Metric metric;
    try {
      metric = words.length > 2 ? Metric.ofKey(words[2].toLowerCase(Locale.ROOT)) : Metric.CPU;
    } catch (IllegalArgumentException e) {
      fail(
          "Unknown metric '"
              + words[2]
              + "'; choose one of "
              + String.join(
                  ", ", java.util.Arrays.stream(Metric.values()).map(Metric::key).toList())
              + ".");
      return;
    }
    if (words.length > 3 && !words[3].matches("[0-9]{1,6}")) {
      fail("MINUTES must be a whole number, for example 60.");
      return;
    }
    long minutes = words.length > 3 ? Long.parseLong(words[3]) : 60;
    Instant to = Instant.now();
    List<MinuteAggregate> rows =
        manager.history(a.agentId(), metric, to.minus(java.time.Duration.ofMinutes(minutes)), to);
    if (data(rows)) {
      return;
    }
    if (rows.isEmpty()) {
      out.println("No " + metric.key() + " history for " + a.hostname() + " in that time.");
      return;
    }
    out.printf(
        "%-5s  %7s  %10s  %10s  %10s   %s of %s%n",
        "TIME", "SAMPLES", "MIN", "AVG", "MAX", metric.label(), a.hostname());
    for (MinuteAggregate m : rows) {
      out.printf(
          "%-5s  %7d  %10.2f  %10.2f  %10.2f%n",
          TIME.format(Instant.ofEpochMilli(m.minuteMillis())).substring(0, 5),
          m.samples(),
          m.min(),
          m.avg(),
          m.max());
    }
  }

  private void exportHistory(String[] words) {
    if (words.length < 2 || (words.length > 2 && !words[2].matches("[0-9]{1,6}"))) {
      fail("Usage: export-history FILE [HOURS], for example 'export-history history.csv 24'.");
      return;
    }
    long hours = words.length > 2 ? Long.parseLong(words[2]) : 24;
    Instant to = Instant.now();
    try {
      long rows =
          manager.exportHistory(
              operator,
              java.nio.file.Path.of(words[1]),
              to.minus(java.time.Duration.ofHours(hours)),
              to);
      say("Wrote " + rows + " one-minute aggregate(s) to " + words[1] + ".");
    } catch (IOException e) {
      fail("Could not write " + words[1] + ": " + e.getMessage());
    }
  }

  private void snoozes() {
    Map<String, Long> running = new java.util.LinkedHashMap<>();
    manager
        .snoozes()
        .forEach(s -> running.put(s.agentId() + "/" + s.rule(), s.until().toEpochMilli()));
    if (data(running)) {
      return;
    }
    if (running.isEmpty()) {
      out.println("No snoozes are running.");
      return;
    }
    running.forEach(
        (key, until) -> {
          String[] parts = key.split("/", 2);
          String host = manager.agent(parts[0]).map(AgentSnapshot::hostname).orElse(parts[0]);
          out.printf(
              "%-24s  %-16s  until %s%n",
              host,
              parts[1].equals("*") ? "all rules" : parts[1],
              TIME_AND_DATE.format(Instant.ofEpochMilli(until)));
        });
  }

  private void snooze(String[] words) {
    if (words.length < 3) {
      fail("Usage: snooze AGENT [RULE] MINUTES, for example 'snooze web-01 cpu 30'.");
      return;
    }
    AgentSnapshot a = find(words);
    if (a == null) {
      return;
    }
    String minutesText = words[words.length - 1];
    if (!minutesText.matches("[0-9]{1,6}")) {
      fail("MINUTES must be a whole number, for example 30.");
      return;
    }
    String rule = words.length > 3 ? words[2] : null;
    java.time.Instant until =
        Instant.now().plus(java.time.Duration.ofMinutes(Long.parseLong(minutesText)));
    manager.snooze(operator, a.agentId(), rule, until);
    say(
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
      fail("Usage: token [USES] [HOURS], for example 'token 5 48'.");
      return;
    }
    if (uses < 1 || uses > 100_000 || hours < 1 || hours > 24 * 365) {
      fail("USES must be 1 to 100000 and HOURS 1 to 8760.");
      return;
    }
    var e = manager.enroll(operator, java.time.Duration.ofHours(hours), uses);
    if (data(
        Map.of(
            "token", e.token(),
            "expiresAt", e.expiresAt().toString(),
            "uses", e.uses(),
            "command", e.command(),
            "configLines", e.configLines()))) {
      return;
    }
    out.println(
        "Token for "
            + uses
            + (uses == 1 ? " agent" : " agents")
            + ", valid until "
            + TIME_AND_DATE.format(e.expiresAt())
            + ". On the new machine run:");
    out.println("  " + e.command());
    out.println("or, for an agent installed as a service, put in /etc/vigil/agent.conf:");
    e.configLines().lines().forEach(l -> out.println("  " + l));
  }

  private void connect(String[] words) {
    if (words.length < 2 || words[1].lastIndexOf(':') <= 0) {
      fail("Usage: connect HOST:PORT [SHA256:...], for example 'connect web-01:7472'.");
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
      fail("The port must be a number from 1 to 65535.");
      return;
    }
    Fingerprint expected = null;
    if (words.length > 2) {
      try {
        expected = Fingerprint.parse(words[2]);
      } catch (IllegalArgumentException e) {
        fail("That is not a fingerprint: " + e.getMessage() + ".");
        return;
      }
    }
    manager.connect(operator, target.substring(0, colon), port, expected);
    say(
        "Dialling "
            + target
            + (expected == null ? "; it will appear as pending until you approve it." : "."));
  }

  private void pending() {
    List<AgentSnapshot> pending =
        manager.agents().stream().filter(a -> a.status() == AgentStatus.PENDING).toList();
    if (data(pending)) {
      return;
    }
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
          case "approve" -> manager.approve(operator, a.agentId());
          case "reject" -> manager.reject(operator, a.agentId());
          default -> manager.forget(operator, a.agentId());
        };
    if (done) {
      say(verbPast(verb) + " " + a.hostname() + " (" + a.agentId().substring(0, 8) + ").");
    } else {
      fail(a.hostname() + " is not known to this console any more.");
    }
  }

  private static String verbPast(String verb) {
    return switch (verb) {
      case "approve" -> "Approved";
      case "reject" -> "Rejected";
      default -> "Forgot";
    };
  }

  private void udp() {
    var c = manager.info().datagrams();
    if (data(c)) {
      return;
    }
    out.printf(
        "accepted %d, dropped %d (forged %d, replayed %d, unknown agent %d, malformed %d)%n",
        c.accepted(), c.dropped(), c.forged(), c.replayed(), c.unknownAgent(), c.malformed());
  }

  private AgentSnapshot find(String[] words) {
    if (words.length < 2) {
      fail("Which agent? Give a host name or the start of an id; 'agents' lists them.");
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
    fail(
        matches.isEmpty()
            ? "No agent matches '" + key + "'; 'agents' lists them."
            : "'" + key + "' matches " + matches.size() + " agents; give more of the id.");
    return null;
  }

  private static String gib(long bytes) {
    return String.format("%.1f", bytes / (1024.0 * 1024 * 1024));
  }
}
