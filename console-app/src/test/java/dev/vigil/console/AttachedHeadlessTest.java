package dev.vigil.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.agent.Agent;
import dev.vigil.console.manager.api.AlertEvent;
import dev.vigil.console.manager.api.Metric;
import dev.vigil.console.manager.api.MinuteAggregate;
import dev.vigil.console.manager.api.Operator;
import dev.vigil.console.manager.operators.OperatorStore;
import dev.vigil.protocol.message.AlertReport;
import dev.vigil.protocol.message.AlertState;
import dev.vigil.protocol.message.Severity;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code vigil console --headless --connect}, end to end through the real command line. */
@Timeout(90)
class AttachedHeadlessTest {
  @RegisterExtension
  final RunningConsole console = RunningConsole.configured(b -> b.operatorPort(0));

  private record Run(int code, String out, String err) {}

  private static Run run(String stdin, String... args) {
    PrintStream oldOut = System.out;
    PrintStream oldErr = System.err;
    var oldIn = System.in;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
      int code = ConsoleMain.commandLine().execute(args);
      return new Run(
          code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(oldOut);
      System.setErr(oldErr);
      System.setIn(oldIn);
    }
  }

  private String channel() {
    return "127.0.0.1:" + console.manager().operatorListener().orElseThrow().getPort();
  }

  @Test
  void anAdminInvitesAViewerWhoSeesTheFleetButMayNotRestart() throws Exception {
    Agent agent = console.agentOnMachine("web", new TestMachine());
    TestAgents.awaitReporting(console.manager(), agent.id().toString());
    String fingerprint = console.manager().info().fingerprint();

    Run admin =
        run(
            "invite vera viewer 2\noperators\nquit\n",
            "--headless",
            "--connect",
            channel(),
            "--token-file",
            console.dir("console").resolve(OperatorStore.ADMIN_TOKEN_FILE).toString(),
            "--manager-fingerprint",
            fingerprint,
            "--name",
            "alice",
            "--attach-dir",
            console.dir("alice").toString());

    // The manager runs in this JVM too and logs to stderr: only the console's own line counts.
    assertThat(admin.err()).doesNotContain("vigil console:");
    assertThat(admin.code()).isZero();
    assertThat(admin.out())
        .contains("attached to " + channel() + " as alice (admin)")
        .contains("Token for vera (viewer), single use")
        .containsPattern("alice\\s+admin\\s+SHA256:");
    Matcher token = Pattern.compile("--token (vgo_[A-Za-z0-9_-]+)").matcher(admin.out());
    assertThat(token.find()).isTrue();

    Run vera =
        run(
            "agents\nrestart vm --yes\nack 1 me too\nsnooze vm 10\nquit\n",
            "--headless",
            "--connect",
            channel(),
            "--token",
            token.group(1),
            "--manager-fingerprint",
            fingerprint,
            "--attach-dir",
            console.dir("vera").toString());

    assertThat(vera.code()).isZero();
    assertThat(vera.out())
        .contains("as vera (viewer)")
        .contains("vm")
        .contains("vera is a viewer: sending commands needs the operator role.")
        // A refusal is the manager's sentence, not a failure with a stack trace (seen by hand).
        .contains("ack refused: vera is a viewer: acknowledging alerts needs the operator role.")
        .contains("snooze refused: vera is a viewer: snoozing alerts needs the operator role.");
    assertThat(vera.err()).doesNotContain("RefusedException").doesNotContain("log has the details");
  }

  @Test
  void withConnectTheDataDirectoryIsWhereThisConsoleKeepsItsKey() throws Exception {
    String fingerprint = console.manager().info().fingerprint();
    java.nio.file.Path own = console.dir("bob-data");
    Run first =
        run(
            "quit\n",
            "--headless",
            "--connect",
            channel(),
            "--token-file",
            console.dir("console").resolve(OperatorStore.ADMIN_TOKEN_FILE).toString(),
            "--manager-fingerprint",
            fingerprint,
            "--name",
            "bob",
            "--data-dir",
            own.toString());
    assertThat(first.code()).isZero();
    assertThat(first.out()).contains("as bob (admin)");
    assertThat(java.nio.file.Files.list(own).map(p -> p.getFileName().toString()))
        .as("its key and pins are in the directory it was given")
        .isNotEmpty();

    // Again from that directory: known by its key, no token or fingerprint needed.
    Run again = run("quit\n", "--headless", "--connect", channel(), "--data-dir", own.toString());
    assertThat(again.code()).isZero();
    assertThat(again.out()).contains("as bob (admin)");

    Run both =
        run(
            "quit\n",
            "--headless",
            "--connect",
            channel(),
            "--data-dir",
            own.toString(),
            "--attach-dir",
            console.dir("other").toString());
    assertThat(both.code()).isEqualTo(2);
    assertThat(both.err()).contains("give --attach-dir or --data-dir, not both");
  }

  @Test
  void anUnknownConsoleIsToldWhatToDoAndExitsWithOne() {
    Run r =
        run(
            "quit\n",
            "--headless",
            "--connect",
            channel(),
            "--manager-fingerprint",
            console.manager().info().fingerprint(),
            "--attach-dir",
            console.dir("nobody").toString());

    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err())
        .contains("vigil console: The manager at " + channel() + " refused this console:")
        .contains("is not known to this manager");
  }

  @Test
  void theOperatorListenerIsPrintedLikeTheOthers() {
    Run r =
        run(
            "quit\n",
            "--headless",
            "--tcp-port",
            "0",
            "--udp-port",
            "0",
            "--operator-port",
            "0",
            "--data-dir",
            console.dir("own-manager").toString());

    assertThat(r.code()).isZero();
    assertThat(r.out())
        .containsPattern(
            "Vigil console listening on tcp 127\\.0\\.0\\.1:[1-9][0-9]* \\(operators\\)");
  }

  @Test
  void exportsAttachedWriteTheManagersOwnFilesOnThisMachine() throws Exception {
    for (int i = 1; i <= 40; i++) {
      console
          .manager()
          .store()
          .insertAlert(
              new AlertEvent(
                  0,
                  "agent-1",
                  "web,01",
                  new AlertReport(
                      i, "cpu", Severity.WARNING, AlertState.FIRING, 91, 90, 1_000L * i, "hot, =1"),
                  AlertEvent.Channel.UDP,
                  2_000L * i,
                  false));
    }
    long minute = (System.currentTimeMillis() / 60_000L - 120) * 60_000L;
    console
        .manager()
        .store()
        .insertMinutes(
            List.of(
                new MinuteAggregate("agent-1", minute, Metric.CPU, 12, 1, 2.5, 3),
                new MinuteAggregate("agent-1", minute + 60_000L, Metric.MEMORY, 12, 4, 5, 6)));
    Path alerts = console.dir("operator").resolve("alerts here.csv");
    Path history = console.dir("operator").resolve("history.csv");
    Files.createDirectories(alerts.getParent());

    Run r =
        run(
            "export \""
                + alerts
                + "\"\nexport-history "
                + history
                + " 24\nexport "
                + history
                + "\nquit\n",
            "--headless",
            "--connect",
            channel(),
            "--token-file",
            console.dir("console").resolve(OperatorStore.ADMIN_TOKEN_FILE).toString(),
            "--manager-fingerprint",
            console.manager().info().fingerprint(),
            "--name",
            "alice",
            "--attach-dir",
            console.dir("alice").toString());

    assertThat(r.code()).isZero();
    assertThat(r.out())
        .contains("Wrote 40 alert(s) to " + alerts + ".")
        .contains("Wrote 2 one-minute aggregate(s) to " + history + ".")
        .contains("Could not write " + history + ": it already exists; add --force to replace it");
    Operator who = new Operator("test", "here");
    Path ownAlerts = console.dir("manager-side").resolve("alerts.csv");
    Path ownHistory = console.dir("manager-side").resolve("history.csv");
    Files.createDirectories(ownAlerts.getParent());
    console.manager().exportAlerts(who, ownAlerts, false);
    console
        .manager()
        .exportHistory(
            who, ownHistory, Instant.ofEpochMilli(minute - 60_000L), Instant.now(), false);
    assertThat(Files.mismatch(alerts, ownAlerts)).isEqualTo(-1L);
    assertThat(Files.mismatch(history, ownHistory)).isEqualTo(-1L);
  }
}
