package dev.vigil.console.headless;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.vigil.console.manager.api.AgentDetails;
import dev.vigil.console.manager.api.AgentSnapshot;
import dev.vigil.console.manager.api.AgentStatus;
import dev.vigil.console.manager.api.AlertEvent;
import dev.vigil.console.manager.api.Operator;
import dev.vigil.protocol.command.Command;
import dev.vigil.protocol.message.AlertReport;
import dev.vigil.protocol.message.AlertState;
import dev.vigil.protocol.message.ProcessInfo;
import dev.vigil.protocol.message.Severity;
import dev.vigil.protocol.message.SlowReport;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The headless console against an in-memory operator API: parsing, help, confirmation, JSON. */
class HeadlessCommandsTest {
  private static final String WEB = "0a1b2c3d-0000-4000-8000-000000000001";
  private static final String DB = "0a1b9999-0000-4000-8000-000000000002";
  private static final Operator ALICE = new Operator("alice", "10.1.2.3");

  private final InMemoryOperatorApi api = new InMemoryOperatorApi();

  HeadlessCommandsTest() {
    api.add(WEB, "web-01", Command.RESTART, Command.KILL);
    api.add(DB, "db-01");
  }

  private String text(String input) throws Exception {
    return run(input, false);
  }

  private List<JsonObject> json(String input) throws Exception {
    return run(input, true).lines().map(l -> JsonParser.parseString(l).getAsJsonObject()).toList();
  }

  private String run(String input, boolean json) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    new HeadlessConsole(api, ALICE, new BufferedReader(new StringReader(input)), out, json).run();
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void helpListsEveryCommandUnderItsGroupWithThePowerCommandsFromTheProtocol() throws Exception {
    String out = text("help\n");
    assertThat(out)
        .startsWith(
            "Type 'help' for commands.\nvigil> One command a line; 'help COMMAND' shows one.\n\nFleet:\n  agents, list, ls ")
        .contains("Fleet:", "Power:", "Alerts:", "Enrollment and trust:", "This console:")
        .contains("agents, list, ls", "stats, show", "processes, ps", "help, ?", "quit, exit")
        .contains("export-history", "snoozes", "token", "connect", "fingerprint", "udp")
        .contains("Power commands ask to confirm; add --yes to skip that.");
    for (Command c : Command.values()) {
      if (c.power()) {
        assertThat(out).contains(c.wireName()).contains(c.summary());
      }
    }
    assertThat(text("?\n")).isEqualTo(out);
  }

  @Test
  void helpForOneCommandShowsItsArgumentsAndOptions() throws Exception {
    String out = text("help kill\nhelp SNOOZE\nhelp frobnicate\n");
    assertThat(out)
        .contains("Usage: kill AGENT PID [--yes]")
        .contains(Command.KILL.summary())
        .contains("a process id")
        .contains("do not ask to confirm")
        .contains("Usage: snooze AGENT [RULE] MINUTES")
        .contains("For example: snooze web-01 cpu 30")
        .contains("Unknown command 'frobnicate'. Type 'help' for commands.");
  }

  @Test
  void aLineThatDoesNotParseIsAnsweredByOneSentence() throws Exception {
    String out =
        text(
            String.join(
                "\n",
                "stats",
                "kill web-01",
                "kill web-01 1",
                "kill web-01 12ab",
                "history web-01 teapot",
                "history web-01 cpu soon",
                "token many",
                "agents extra",
                "connect nohost",
                "connect web-01:99999",
                "connect web-01:7472 SHA256:short",
                "ack @file",
                "Frobnicate",
                ""));
    assertThat(out.lines().filter(l -> !l.startsWith("Type")).toList())
        .containsExactly(
            "vigil> Which agent? Give a host name or the start of an id; 'agents' lists them.",
            "vigil> Usage: kill AGENT PID [--yes] ('help kill' says more).",
            "vigil> Kill refuses PID 1.",
            "vigil> '12ab' is not a process id.",
            "vigil> Unknown metric 'teapot'; choose one of cpu, memory, swap, load1, net_in,"
                + " net_out, disk_read, disk_write.",
            "vigil> 'soon' is not a whole number.",
            "vigil> 'many' is not a whole number.",
            "vigil> 'extra' is too much. Usage: agents ('help agents' says more).",
            "vigil> Give the agent as HOST:PORT, for example 'connect web-01:7472'.",
            "vigil> The port must be a number from 1 to 65535.",
            "vigil> That is not a fingerprint: a fingerprint looks like SHA256: followed by 43"
                + " base64 characters, got 'SHA256:short'.",
            "vigil> '@file' is not a whole number.",
            "vigil> Unknown command 'Frobnicate'. Type 'help' for commands.",
            "vigil> ");
    assertThat(api.sent).isEmpty();
  }

  @Test
  void anAgentIsFoundByHostNameOrIdPrefixAndAnAmbiguousPrefixSaysSo() throws Exception {
    String out = text("stats WEB-01\nstats 0a1b9\nstats 0a1b\nstats nosuch\n");
    assertThat(out)
        .contains("Host     web-01 (10.0.0.5)")
        .contains("Agent    " + DB)
        .contains("'0a1b' matches 2 agents; give more of the id.")
        .contains("No agent matches 'nosuch'; 'agents' lists them.");
  }

  @Test
  void anExactHostNameWinsSoThatANewcomerInAnotherCaseMakesNothingAmbiguous() throws Exception {
    // #16 finding 12: a pending WEB-01 made "restart web-01" ambiguous.
    api.add("77777777-0000-4000-8000-000000000003", "WEB-01");
    String out = text("stats web-01\nstats WEB-01\nstats Web-01\n");
    assertThat(out)
        .contains("Agent    " + WEB)
        .contains("Agent    77777777-0000-4000-8000-000000000003")
        .contains("'Web-01' matches 2 agents; give more of the id.");
  }

  @Test
  void theEmptyConsolesHintCarriesTheConsolesPin() throws Exception {
    api.agents.clear();
    assertThat(text("agents\n"))
        .contains("./vigil agent --manager HOST:7471 --console-fingerprint SHA256:consolekey");
  }

  @Test
  void rekeyPinsTheNewKeyOfTheAgentNamed() throws Exception {
    String key = "SHA256:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU";
    String out = text("rekey web-01 " + key + "\nrekey web-01 SHA256:short\n");
    assertThat(api.decisions).containsExactly("rekey " + WEB + " " + key);
    assertThat(out)
        .contains("Re-keyed web-01 (0a1b2c3d) to " + key)
        .contains("That is not a fingerprint");
  }

  @Test
  void aPowerCommandAsksFirstAndSendsOnlyOnYes() throws Exception {
    String out = text("restart web-01\nno\nkill web-01 4242\nyes\n");
    assertThat(out)
        .contains("Restart web-01 (10.0.0.5)? Type 'yes' to confirm: Nothing done.")
        .contains("Kill process 4242 on web-01 (10.0.0.5)? Type 'yes' to confirm: ")
        .contains("kill web-01: SUCCEEDED - done");
    assertThat(api.sent)
        .containsExactly(
            new InMemoryOperatorApi.Sent(ALICE, WEB, Command.KILL, Map.of("pid", "4242")));
  }

  @Test
  void aPowerCommandTheAgentDoesNotAllowIsRefusedWithoutAsking() throws Exception {
    api.connected.remove(WEB);
    String out = text("shutdown web-01\nrestart db-01\nrestart web-01 --yes\n");
    assertThat(out)
        .contains("web-01 does not allow shutdown in its configuration.")
        .contains("db-01 does not allow restart in its configuration.")
        .contains("web-01 is not connected.")
        .doesNotContain("Type 'yes'");
    assertThat(api.sent).isEmpty();
  }

  @Test
  void withJsonEveryLineIsOneAnswerAndPowerCommandsNeedYes() throws Exception {
    List<JsonObject> answers =
        json("restart web-01\nkill web-01 4242 --yes\nps web-01\nfrobnicate\n\nhelp\nquit\n");
    assertThat(answers).hasSize(6);
    assertThat(answers).allSatisfy(a -> assertThat(a.keySet()).startsWith("command", "ok"));
    assertThat(answers.get(0).get("ok").getAsBoolean()).isFalse();
    assertThat(answers.get(0).get("error").getAsString())
        .isEqualTo("Add --yes to confirm: restart web-01 (10.0.0.5).");
    JsonObject killed = answers.get(1).getAsJsonObject("data");
    assertThat(answers.get(1).get("command").getAsString()).isEqualTo("kill");
    assertThat(killed.get("command").getAsString()).isEqualTo("kill");
    assertThat(killed.get("status").getAsString()).isEqualTo("SUCCEEDED");
    assertThat(answers.get(2).get("command").getAsString()).isEqualTo("ps");
    assertThat(answers.get(2).getAsJsonObject("data").get("command").getAsString())
        .isEqualTo("processes");
    assertThat(answers.get(3).get("error").getAsString()).startsWith("Unknown command");
    assertThat(answers.get(4).get("data").getAsString()).contains("agents, list, ls");
    assertThat(answers.get(5).get("message").getAsString()).isEqualTo("Bye.");
    assertThat(api.sent)
        .extracting(InMemoryOperatorApi.Sent::command)
        .containsExactly(Command.KILL, Command.PROCESSES);
  }

  @Test
  void everyActionNamesTheOperatorTheConsoleWasGiven() throws Exception {
    api.alerts.add(alert(7, "cpu at 99%"));
    text("ack 7 on it\nsnooze web-01 cpu 30\nconnect web-02:7472\nprocesses web-01\n");
    assertThat(api.acknowledgement(7))
        .hasValueSatisfying(
            a -> {
              assertThat(a.who()).isEqualTo("alice");
              assertThat(a.note()).isEqualTo("on it");
            });
    assertThat(api.snoozes).singleElement().satisfies(s -> assertThat(s.rule()).isEqualTo("cpu"));
    assertThat(api.dials)
        .containsExactly(new InMemoryOperatorApi.Dial(ALICE, "web-02", 7472, null));
    assertThat(api.sent).extracting(InMemoryOperatorApi.Sent::who).containsExactly(ALICE);
  }

  @Test
  void statsShowsWhenTheProcessesWereSampledWithTheirUserAndCommandCut() throws Exception {
    long sampled = System.currentTimeMillis() - 12_000;
    String longCommand =
        "/usr/lib/jvm/bin/java -Xmx512m -jar /opt/vigil/agent.jar " + "x".repeat(80);
    api.details.put(
        WEB,
        new AgentDetails(
            null,
            new SlowReport(
                sampled,
                List.of(),
                List.of(
                    new ProcessInfo(812, "java", 37.5, 300L << 20, "vigil", longCommand),
                    new ProcessInfo(1, "systemd", 0.1, 12L << 20)),
                List.of())));
    List<String> lines = text("stats web-01\n").lines().toList();
    assertThat(lines)
        .anySatisfy(
            l -> assertThat(l).matches(".*Sampled  \\d\\d:\\d\\d:\\d\\d \\(1[2-9] s ago\\)"));
    String java = lines.stream().filter(l -> l.contains(" 812 ")).findFirst().orElseThrow();
    assertThat(java)
        .contains("vigil", "java", "/usr/lib/jvm/bin/java -Xmx512m")
        .endsWith("…")
        .doesNotContain("x".repeat(30));
    assertThat(java.substring(java.indexOf("/usr"))).hasSize(60);
    assertThat(lines.stream().filter(l -> l.contains("systemd")).findFirst().orElseThrow())
        .endsWith(" -"); // an older agent: no user or command line
  }

  @Test
  void aPeersTextNeverReachesTheTerminalRaw() throws Exception {
    String evil = "web-\u001b[2J\u001b]0;pwned\u0007\u202eexe\nFAKE";
    api.add("ffff0000-0000-4000-8000-000000000003", evil);
    // An alert's message cannot carry such characters at all: AlertReport refuses them at decode.
    assertThatThrownBy(() -> alert(1, "disk \u001b[31mfull"))
        .hasMessageContaining("message must be printable text");
    api.processesDetail = "  PID  NAME\n   42  \u001b[8mhidden\n";
    String out = text("agents\nstats ffff\nalerts\nps ffff\n");
    assertThat(out).doesNotContain("\u001b", "\u0007", "\u202e", "\nFAKE");
    assertThat(out)
        .contains("web-\\u001b[2J\\u001b]0;pwned\\u0007\\u202eexe\\u000aFAKE")
        .contains("   42  \\u001b[8mhidden");
    List<JsonObject> answers = json("stats ffff\n");
    assertThat(run("stats ffff\n", true)).doesNotContain("\u001b", "\u202e");
    assertThat(
            answers
                .get(0)
                .getAsJsonObject("data")
                .getAsJsonObject("agent")
                .get("hostname")
                .getAsString())
        .isEqualTo(evil);
  }

  @Test
  void aCommandThatBreaksIsOneSentenceAndTheConsoleCarriesOn() throws Exception {
    api.failure = new IllegalStateException("the store is closed");
    String out = text("udp\nagents\n");
    assertThat(out)
        .contains("udp failed: the store is closed (the console's log has the details)")
        .contains("web-01")
        .doesNotContain("Exception");
  }

  @Test
  void blankLinesDoNothingAndCommandsIgnoreCase() throws Exception {
    String out = text("\n   \nAGENTS\nEXIT\n");
    assertThat(out)
        .startsWith("Type 'help' for commands.\nvigil> vigil> vigil> ID")
        .contains("web-01")
        .endsWith("Bye.\n");
  }

  private static AlertEvent alert(long id, String message) {
    return new AlertEvent(
        id,
        WEB,
        "web-01",
        new AlertReport(id, "cpu", Severity.CRITICAL, AlertState.FIRING, 99, 90, 1_000, message),
        AlertEvent.Channel.TCP,
        1_000,
        false);
  }

  @Test
  void verifyAuditSaysWhetherTheChainHoldsAndNamesTheFirstChangedRow() throws Exception {
    assertThat(text("verify-audit\n")).contains("The audit log's hash chain holds over 0 row(s).");
    api.auditCheck =
        new dev.vigil.console.manager.api.AuditCheck(
            3, 3, "does not match its hash: it, or a row before it, was edited or removed");
    JsonObject answer = json("verify-audit\n").get(0);
    assertThat(answer.get("ok").getAsBoolean()).isFalse();
    assertThat(answer.get("error").getAsString())
        .startsWith("The audit log was changed outside Vigil: row 3 does not match its hash");
  }

  @Test
  void anAgentNeverSeenWasLastSeenNeverAndAMistypedCommandGetsADidYouMean() throws Exception {
    api.agents.add(
        new AgentSnapshot(
            "0a1b7777-0000-4000-8000-000000000003",
            "lab-01",
            "Linux",
            "",
            AgentStatus.PENDING,
            List.of(),
            null,
            0,
            "SHA256:pending"));
    String out = text("agents\nstats lab-01\nagnets\n");
    // #17: LAST SEEN read 00:00:00 (the epoch in UTC) for an agent never seen
    assertThat(out)
        .containsPattern("lab-01 +PENDING .* never\n")
        .contains("last seen never")
        .doesNotContain("00:00:00")
        .contains("Unknown command 'agnets'. Did you mean 'agents'? Type 'help' for commands.");
  }
}
