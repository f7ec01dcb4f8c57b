package dev.vigil.console.manager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vigil.console.RunningConsole;
import dev.vigil.console.manager.api.Operator;
import dev.vigil.protocol.datagram.AlertDatagram;
import dev.vigil.protocol.message.Ack;
import dev.vigil.protocol.message.AlertReport;
import dev.vigil.protocol.message.AlertState;
import dev.vigil.protocol.message.Message;
import dev.vigil.protocol.message.Severity;
import dev.vigil.protocol.message.Welcome;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Base64;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An acknowledged alert is a stored alert, however old its sequence: the protocol conformance
 * issue's first fault, where an agent back from a long console outage sent its newest alert by UDP
 * and then its 1,100 older ones over TCP, and the console acknowledged all but stored only the last
 * 1,024.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class AlertReplayTest {
  private static final int BACKLOG = 1_101;

  @RegisterExtension final RunningConsole console = RunningConsole.onLoopback();

  private static AlertReport alert(long sequence) {
    return new AlertReport(
        sequence,
        "cpu",
        Severity.WARNING,
        sequence % 2 == 0 ? AlertState.RESOLVED : AlertState.FIRING,
        91,
        90,
        System.currentTimeMillis(),
        "CPU 91 % for 30 s (alert " + sequence + ")");
  }

  @Test
  void moreThanAWindowOfOlderAlertsAfterTheNewestByUdpAreAllStoredAndAcknowledged()
      throws Exception {
    ConsoleManager manager = console.manager();
    try (TlsPeer agent = new TlsPeer(manager);
        DatagramSocket udp = new DatagramSocket()) {
      String token = manager.enroll(Operator.local(), Duration.ofMinutes(1), 1).token();
      Welcome welcome = (Welcome) agent.greet(token);
      String id = agent.agentId.toString();
      byte[] key = Base64.getDecoder().decode(welcome.alertKey());

      // The newest alert first, as a datagram.
      byte[] sealed = AlertDatagram.seal(agent.agentId, BACKLOG, key, alert(BACKLOG));
      udp.send(
          new DatagramPacket(
              sealed, sealed.length, InetAddress.getLoopbackAddress(), welcome.alertPort()));
      await().atMost(Duration.ofSeconds(10)).until(() -> manager.store().alertCount(id) == 1);

      // Then the whole outbox over TCP, oldest first, the newest among them once more.
      Set<Long> acknowledged = new HashSet<>();
      for (long sequence = 1; sequence <= BACKLOG; sequence++) {
        agent.writer.writeMessage(alert(sequence));
      }
      while (acknowledged.size() < BACKLOG) {
        Message answer = agent.reader.readMessage();
        if (answer instanceof Ack ack) {
          acknowledged.add(ack.sequence());
        }
      }

      assertThat(acknowledged).hasSize(BACKLOG);
      assertThat(manager.store().alertCount(id))
          .as("every acknowledged alert is in the store, once")
          .isEqualTo(BACKLOG);
    }
  }
}
