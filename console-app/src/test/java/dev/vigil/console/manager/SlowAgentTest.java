package dev.vigil.console.manager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vigil.agent.Agent;
import dev.vigil.console.TestAgents;
import dev.vigil.console.manager.api.AgentStatus;
import dev.vigil.console.manager.api.CommandOutcome;
import dev.vigil.console.manager.api.Operator;
import dev.vigil.protocol.command.Command;
import dev.vigil.protocol.message.Welcome;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** An agent that never reads cannot block the console or hold its memory. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SlowAgentTest {
  @TempDir Path dir;

  @Test
  void anAgentThatStopsReadingIsDisconnectedAndNobodyElseWaits() throws Exception {
    try (ConsoleManager manager =
        new ConsoleManager(ManagerConfig.loopbackAnyPort(dir.resolve("console")))) {
      manager.start();
      Agent healthy = TestAgents.quiet(manager, dir.resolve("healthy"));
      try (TlsPeer sleepy = new TlsPeer(manager)) {
        String token = manager.enroll(Operator.local(), Duration.ofMinutes(1), 1).token();
        assertThat(sleepy.greet(token)).isInstanceOf(Welcome.class);
        String id = sleepy.agentId.toString();
        // From here on the peer reads nothing. Every send returns at once, whatever the socket
        // does.
        for (int i = 0;
            i < 20_000 && manager.agent(id).orElseThrow().status() == AgentStatus.ONLINE;
            i++) {
          manager.send(Operator.local(), id, Command.RESTART, java.util.Map.of());
        }
        await()
            .atMost(Duration.ofSeconds(20))
            .ignoreExceptions()
            .untilAsserted(
                () ->
                    assertThat(manager.agent(id).orElseThrow().status())
                        .isEqualTo(AgentStatus.OFFLINE));
        String healthyId = healthy.id().toString();
        assertThat(
                manager
                    .send(Operator.local(), healthyId, Command.RESTART, java.util.Map.of())
                    .get(15, TimeUnit.SECONDS)
                    .status())
            .isEqualTo(CommandOutcome.Status.SUCCEEDED);
      } finally {
        healthy.close();
      }
    }
  }
}
