package dev.vigil.console.headless;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vigil.agent.Agent;
import dev.vigil.console.TestAgents;
import dev.vigil.console.manager.ConsoleManager;
import dev.vigil.console.manager.ManagerConfig;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
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
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    new HeadlessConsole(manager, new BufferedReader(new StringReader(input)), out).run();
    return bytes.toString(StandardCharsets.UTF_8);
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
        .containsPattern("restart .*: SUCCEEDED - dry run: would run '");
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
        .contains("No recent alert has the id 99999")
        .contains("[acked by")
        .contains("looking into it")
        .contains("Snoozed 'cpu' alerts of");
    assertThat(manager.acknowledgement(id))
        .hasValueSatisfying(a -> assertThat(a.note()).isEqualTo("looking into it"));
  }
}
