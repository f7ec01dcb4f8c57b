package dev.vigil.console.headless;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.console.RunningConsole;
import dev.vigil.console.manager.api.Operator;
import dev.vigil.console.manager.api.OperatorApi;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The embedded console's own operator (an admin) manages remote operators in the text interface.
 */
class HeadlessOperatorsTest {
  private static final Operator ALICE = new Operator("alice", "this computer");

  @RegisterExtension
  final RunningConsole console = RunningConsole.configured(b -> b.operatorPort(0));

  @RegisterExtension final RunningConsole plain = RunningConsole.onLoopback();

  private static String run(OperatorApi api, String input, boolean json) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    new HeadlessConsole(api, ALICE, new BufferedReader(new StringReader(input)), out, json).run();
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void anInvitationPrintsItsTokenAndTheCommandLineThatAttaches() throws Exception {
    int port = console.manager().operatorListener().orElseThrow().getPort();

    String out =
        run(console.manager(), "invite bob operator 8\nremove-operator carol\noperators\n", false);

    assertThat(out)
        .contains("Token for bob (operator), single use")
        .containsPattern(
            "\\./vigil console --connect 127\\.0\\.0\\.1:"
                + port
                + " --token vgo_[A-Za-z0-9_-]+ --manager-fingerprint SHA256:")
        .contains("No operator or invitation called carol")
        .containsPattern("bob\\s+operator\\s+invited by \\S+, not attached yet; token valid until");
  }

  @Test
  void scriptsGetTheInvitationAsJson() throws Exception {
    String out = run(console.manager(), "invite bob viewer\ninvite \"bad name\" admin\n", true);

    assertThat(out.lines().toList().get(0))
        .contains("\"ok\":true")
        .contains("\"role\":\"viewer\"")
        .contains("\"token\":\"vgo_");
    assertThat(out.lines().toList().get(1))
        .contains("\"ok\":false")
        .contains("bad name\\u0027 is not an operator name");
  }

  @Test
  void withoutAnOperatorChannelTheCommandsSaySo() throws Exception {
    assertThat(run(plain.manager(), "operators\n", false))
        .contains("This manager runs no operator channel: start it with --operator-port.");
  }
}
