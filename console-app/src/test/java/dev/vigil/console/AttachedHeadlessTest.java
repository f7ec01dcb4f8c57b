package dev.vigil.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.agent.Agent;
import dev.vigil.console.manager.operators.OperatorStore;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
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
}
