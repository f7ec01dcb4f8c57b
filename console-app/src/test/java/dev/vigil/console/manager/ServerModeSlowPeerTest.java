package dev.vigil.console.manager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vigil.agent.Agent;
import dev.vigil.console.RunningConsole;
import dev.vigil.console.manager.api.AgentStatus;
import dev.vigil.console.manager.api.Operator;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue #16, finding 5: peers trickling bytes at an agent in server mode used to hold its only
 * accepting thread (13 bytes over 60 s kept the console's {@code connect} failing); now each
 * connection shakes hands on its own thread within 10 s, and the console gets in at once.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ServerModeSlowPeerTest {
  @RegisterExtension final RunningConsole console = RunningConsole.onLoopback();

  /** A peer that sends the start of a TLS record, one byte a second, until it is closed. */
  private static Socket trickle(int port) throws IOException {
    Socket s = new Socket(InetAddress.getLoopbackAddress(), port);
    byte[] start = {22, 3, 1, 0, (byte) 200, 1, 0, 0, (byte) 196, 3, 3, 0, 0};
    Thread.ofVirtual()
        .start(
            () -> {
              try {
                for (int i = 0; ; i++) {
                  s.getOutputStream().write(start[i % start.length]);
                  s.getOutputStream().flush();
                  Thread.sleep(1000); // the attacker's pace, not a wait for the agent
                }
              } catch (IOException | InterruptedException e) {
                // closed: by the agent's deadline, or by the test
              }
            });
    return s;
  }

  @Test
  void peersTricklingBytesDoNotKeepTheConsoleOutOfAServerModeAgent() throws Exception {
    Agent agent = console.listeningAgent("agent");
    List<Socket> slow = new ArrayList<>();
    try {
      for (int i = 0; i < 3; i++) {
        slow.add(trickle(agent.listenPort()));
      }
      String id = agent.id().toString();
      console
          .manager()
          .connect(
              Operator.local(), "127.0.0.1", agent.listenPort(), agent.fingerprint().orElseThrow());
      // Before: the console's dial waited behind every slow peer in turn, 10 s or more each.
      await()
          .atMost(Duration.ofSeconds(8))
          .ignoreExceptions()
          .untilAsserted(
              () ->
                  assertThat(console.manager().agent(id))
                      .hasValueSatisfying(
                          a -> assertThat(a.status()).isEqualTo(AgentStatus.ONLINE)));
    } finally {
      for (Socket s : slow) {
        s.close();
      }
    }
  }
}
