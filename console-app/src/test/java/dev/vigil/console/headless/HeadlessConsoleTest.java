package dev.vigil.console.headless;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.vigil.agent.Agent;
import dev.vigil.console.TestAgents;
import dev.vigil.console.manager.ConsoleManager;
import dev.vigil.console.manager.ManagerConfig;
import dev.vigil.console.manager.api.Operator;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HeadlessConsoleTest {
  @TempDir Path dir;
  private ConsoleManager manager;
  private Agent agent;

  @BeforeEach
  void start() throws Exception {
    manager = new ConsoleManager(ManagerConfig.loopbackAnyPort(dir.resolve("console")));
    manager.start();
    agent = TestAgents.alerting(manager, dir.resolve("agent"));
    await()
        .atMost(Duration.ofSeconds(15))
        .until(
            () ->
                manager.agent(agent.id().toString()).map(a -> a.stats() != null).orElse(false)
                    && !manager.recentAlerts().isEmpty());
  }

  @AfterEach
  void stop() {
    agent.close();
    manager.close();
  }

  private String run(String input) throws Exception {
    return run(input, false);
  }

  private String run(String input, boolean json) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    new HeadlessConsole(manager, new BufferedReader(new StringReader(input)), out, json).run();
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void withJsonEveryCommandIsAnsweredByOneParsableLine() throws Exception {
    String prefix = agent.id().toString().substring(0, 8);
    String out =
        run(
            "agents\nstats "
                + prefix
                + "\nalerts\nrestart "
                + prefix
                + "\nrestart "
                + prefix
                + " --yes\nhistory "
                + prefix
                + " memory\nfrobnicate\nudp\nquit\n",
            true);
    List<String> lines = out.lines().toList();
    assertThat(lines).hasSize(9);
    List<JsonObject> answers =
        lines.stream().map(l -> JsonParser.parseString(l).getAsJsonObject()).toList();
    assertThat(answers.get(0).get("command").getAsString()).isEqualTo("agents");
    JsonArray agents = answers.get(0).getAsJsonArray("data");
    assertThat(agents.get(0).getAsJsonObject().get("agentId").getAsString())
        .isEqualTo(agent.id().toString());
    assertThat(agents.get(0).getAsJsonObject().get("status").getAsString()).isEqualTo("ONLINE");
    assertThat(
            answers
                .get(1)
                .getAsJsonObject("data")
                .getAsJsonObject("agent")
                .getAsJsonObject("stats")
                .get("memoryTotalBytes")
                .getAsLong())
        .isPositive();
    assertThat(answers.get(2).getAsJsonArray("data")).isNotEmpty();
    assertThat(answers.get(3).get("ok").getAsBoolean()).isFalse();
    assertThat(answers.get(3).get("error").getAsString()).startsWith("Add --yes to confirm");
    assertThat(answers.get(4).get("ok").getAsBoolean()).isTrue();
    // #17: a dry run's restart said "SUCCEEDED" to scripts, which would take it for a reboot.
    assertThat(answers.get(4).getAsJsonObject("data").get("status").getAsString())
        .isEqualTo("DRY_RUN");
    assertThat(answers.get(4).getAsJsonObject("data").get("command").getAsString())
        .isEqualTo("restart");
    assertThat(answers.get(4).getAsJsonObject("data").get("detail").getAsString())
        .startsWith("dry run: would run '");
    assertThat(answers.get(5).getAsJsonArray("data")).isNotEmpty();
    assertThat(
            answers
                .get(5)
                .getAsJsonArray("data")
                .get(0)
                .getAsJsonObject()
                .get("metric")
                .getAsString())
        .isEqualTo("MEMORY");
    assertThat(answers.get(6).get("ok").getAsBoolean()).isFalse();
    assertThat(answers.get(7).getAsJsonObject("data").get("accepted").getAsLong()).isOne();
    assertThat(answers.get(8).get("message").getAsString()).isEqualTo("Bye.");
  }

  @Test
  void historyShowsMinuteAggregatesAndExportsThemAsCsv() throws Exception {
    String prefix = agent.id().toString().substring(0, 8);
    Path csv = dir.resolve("history.csv");
    String out =
        run(
            "history "
                + prefix
                + "\nhistory "
                + prefix
                + " teapot\nexport-history "
                + csv
                + " 1\nsnoozes\nquit\n");
    assertThat(out)
        .contains("SAMPLES")
        .contains("CPU % of")
        .contains("Unknown metric 'teapot'; choose one of cpu, memory")
        .containsPattern("Wrote [1-9][0-9]* one-minute aggregate\\(s\\) to ")
        .contains("No snoozes are running.");
    assertThat(java.nio.file.Files.readAllLines(csv).get(0)).startsWith("minute,agent_id,metric");
  }

  @Test
  void listsAgentsShowsStatsAndAlerts() throws Exception {
    String prefix = agent.id().toString().substring(0, 8);
    String out = run("agents\nstats " + prefix + "\nalerts\nudp\nquit\n");
    assertThat(out)
        .contains("HOST")
        .contains(prefix)
        .contains("ONLINE")
        .contains("Allows   restart")
        .contains("CPU      ")
        .contains("CRITICAL  FIRING")
        .contains("accepted 1, dropped 0")
        .endsWith("Bye.\n");
  }

  @Test
  void restartAsksForConfirmationThenReportsTheOutcome() throws Exception {
    String prefix = agent.id().toString().substring(0, 8);
    String out = run("restart " + prefix + "\nno\nrestart " + prefix + "\nyes\nquit\n");
    assertThat(out)
        .contains("Type 'yes' to confirm")
        .contains("Nothing done.")
        // #17: a dry run was reported as "SUCCEEDED - dry run: would run ..."
        .containsPattern("restart .*: DRY RUN - would run '")
        .doesNotContain("SUCCEEDED");
  }

  @Test
  void unknownCommandsAndAgentsGetASentence() throws Exception {
    String out = run("frobnicate\nstats nosuchhost\nrestart\n");
    assertThat(out)
        .contains("Unknown command 'frobnicate'. Type 'help' for commands.")
        .contains("No agent matches 'nosuchhost'")
        .contains("Which agent?");
  }

  @Test
  void processesShutdownAndKillGoThroughTheAgentsAllowList() throws Exception {
    String prefix = agent.id().toString().substring(0, 8);
    String out =
        run(
            "processes "
                + prefix
                + "\nshutdown "
                + prefix
                + "\nkill "
                + prefix
                + " 4242\nkill "
                + prefix
                + "\nquit\n");
    assertThat(out)
        .contains("PID") // the top processes table
        .containsPattern("Sampled at \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d UTC")
        .containsPattern("PID +CPU% +MEMORY +USER +NAME +COMMAND")
        .contains("does not allow shutdown in its configuration.")
        .contains("does not allow kill in its configuration.")
        .contains("Usage: kill AGENT PID");
  }

  @Test
  void alertsCanBeAcknowledgedWithANoteAndSnoozed() throws Exception {
    String prefix = agent.id().toString().substring(0, 8);
    long id = manager.recentAlerts().get(0).id();
    String out =
        run(
            "ack "
                + id
                + " looking into it\nack 99999\nalerts\nsnooze "
                + prefix
                + " cpu 30\nquit\n");
    assertThat(out)
        .contains("Acknowledged alert " + id + ".")
        .contains("No alert has the id 99999")
        .contains("[acked by")
        .contains("looking into it")
        .contains("Snoozed 'cpu' alerts of");
    assertThat(manager.acknowledgement(id))
        .hasValueSatisfying(a -> assertThat(a.note()).isEqualTo("looking into it"));
  }

  /** Before: 'alerts' listed every event, so an agent's restart showed its CPU alert twice. */
  @Test
  void alertsListsTheManagersProblemsWithWhoSnoozedThem() throws Exception {
    String prefix = agent.id().toString().substring(0, 8);
    await().atMost(Duration.ofSeconds(15)).until(() -> manager.problems().size() == 1);
    String out = run("alerts\nsnooze " + prefix + " cpu 30\nalerts\nalerts --all\nquit\n");
    assertThat(out)
        .contains("1 problem firing.")
        .containsPattern("since [0-9:]+ +CRITICAL +FIRING")
        .contains("[snoozed by " + Operator.local().name() + " until ")
        .containsPattern("\\(via (TCP|UDP)\\)");
    assertThat(out.split("1 problem firing\\.", -1)).as("both listings count one").hasSize(3);
  }
}
