package dev.vigil.console.manager;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.agent.Agent;
import dev.vigil.console.LogCapture;
import dev.vigil.console.TestAgents;
import dev.vigil.console.manager.api.AgentStatus;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * #17, point 3: a console whose ports were not named keeps the same ones from one start to the
 * next, so agents attached to it reconnect, and names what holds a port it cannot take.
 */
class KeptPortsTest {
  @TempDir Path dir;

  private ConsoleManager started(int tcp, int udp) throws Exception {
    ConsoleManager m =
        new ConsoleManager(
            ManagerConfig.builder(dir.resolve("console")).ports(tcp, udp).keepPorts(true).build());
    m.start();
    return m;
  }

  @Test
  void takenDefaultsAreNamedAndTheSamePortsComeBackAtTheNextStartSoAgentsReconnect()
      throws Exception {
    InetAddress loopback = InetAddress.getLoopbackAddress();
    // Something else holds the "default" ports for the whole test (as another program on 7470).
    try (ServerSocket tcpHeld = new ServerSocket(0, 1, loopback);
        DatagramSocket udpHeld = new DatagramSocket(new InetSocketAddress(loopback, 0));
        LogCapture log = LogCapture.of(KeptPorts.class)) {
      ConsoleManager first = started(tcpHeld.getLocalPort(), udpHeld.getLocalPort());
      int tcp;
      int udp;
      Agent agent;
      try {
        tcp = first.info().agentListener().getPort();
        udp = first.info().alertListener().getPort();
        assertThat(tcp).isNotIn(0, tcpHeld.getLocalPort());
        assertThat(udp).isNotIn(0, udpHeld.getLocalPort());
        assertThat(log.lines())
            .anyMatch(
                l ->
                    l.startsWith("TCP port " + tcpHeld.getLocalPort())
                        && l.contains("held by PID " + ProcessHandle.current().pid())
                        && l.contains("keeps it for the next start"));
        agent = TestAgents.quiet(first, dir.resolve("agent"));
        TestAgents.awaitStatus(first, agent.id().toString(), AgentStatus.ONLINE);
      } finally {
        first.close();
      }
      try (agent) {
        // Before #17 the console took the defaults or new free ports: this agent dialled forever.
        ConsoleManager second = started(tcpHeld.getLocalPort(), udpHeld.getLocalPort());
        try {
          assertThat(second.info().agentListener().getPort()).isEqualTo(tcp);
          assertThat(second.info().alertListener().getPort()).isEqualTo(udp);
          TestAgents.awaitStatus(second, agent.id().toString(), AgentStatus.ONLINE);
        } finally {
          second.close();
        }
      }
    }
  }

  @Test
  void freePreferredPortsAreTakenAndRemembered() throws Exception {
    int tcp;
    int udp;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        DatagramSocket d = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
      tcp = s.getLocalPort();
      udp = d.getLocalPort();
    }
    ConsoleManager m = started(tcp, udp);
    try {
      assertThat(m.info().agentListener().getPort()).isEqualTo(tcp);
      assertThat(m.info().alertListener().getPort()).isEqualTo(udp);
    } finally {
      m.close();
    }
    assertThat(dir.resolve("console").resolve(KeptPorts.FILE))
        .content()
        .contains("tcp=" + tcp)
        .contains("udp=" + udp);
  }
}
