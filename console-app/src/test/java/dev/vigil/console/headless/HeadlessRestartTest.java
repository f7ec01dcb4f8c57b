package dev.vigil.console.headless;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.agent.Agent;
import dev.vigil.console.RunningConsole;
import dev.vigil.console.TestAgents;
import dev.vigil.console.TestMachine;
import dev.vigil.console.manager.api.Operator;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A real restart's result comes from the agent's next start, minutes later: the text interface
 * answers when the agent accepts it and gives the prompt back.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HeadlessRestartTest {
  @RegisterExtension final RunningConsole console = RunningConsole.onLoopback();

  @Test
  void aRestartIsAnsweredWhenTheAgentAcceptsIt() throws Exception {
    TestMachine machine = new TestMachine();
    Agent agent = console.agentOnMachine("web", machine);
    TestAgents.awaitReporting(console.manager(), agent.id().toString());
    String prefix = agent.id().toString().substring(0, 8);

    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    new HeadlessConsole(
            console.manager(),
            Operator.local(),
            new BufferedReader(new StringReader("restart " + prefix + " --yes\nquit\n")),
            new PrintStream(bytes, true, StandardCharsets.UTF_8),
            false)
        .run();

    assertThat(machine.wentDown.get(10, TimeUnit.SECONDS)).isEqualTo("restart");
    assertThat(bytes.toString(StandardCharsets.UTF_8))
        .contains("restart vm: ACKNOWLEDGED - accepted by vm; waiting up to 10 min for its result")
        .contains("Bye.");
  }
}
