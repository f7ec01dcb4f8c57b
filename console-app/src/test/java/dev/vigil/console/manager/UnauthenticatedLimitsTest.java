package dev.vigil.console.manager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vigil.console.RunningConsole;
import dev.vigil.console.manager.api.Operator;
import dev.vigil.console.manager.trust.UnauthenticatedLimits;
import dev.vigil.protocol.Protocol;
import dev.vigil.protocol.frame.MessageCodec;
import dev.vigil.protocol.message.Ack;
import dev.vigil.protocol.message.AlertReport;
import dev.vigil.protocol.message.AlertState;
import dev.vigil.protocol.message.ErrorCode;
import dev.vigil.protocol.message.ErrorMessage;
import dev.vigil.protocol.message.Heartbeat;
import dev.vigil.protocol.message.Message;
import dev.vigil.protocol.message.Pending;
import dev.vigil.protocol.message.Severity;
import dev.vigil.protocol.message.Welcome;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What a stranger without a token can make the console hold (issue #16, finding 2): frames before
 * admission are small, sessions not admitted are capped, and so are the agents waiting for
 * approval, overall and per address.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class UnauthenticatedLimitsTest {
  private static final int UNADMITTED = 3;
  private static final int PER_ADDRESS = 2;

  @RegisterExtension
  final RunningConsole console =
      RunningConsole.configured(
          b ->
              b.unauthenticated(
                  new UnauthenticatedLimits(100, PER_ADDRESS, Duration.ofHours(24), UNADMITTED)));

  private String token() {
    return console.manager().enroll(Operator.local(), Duration.ofMinutes(5), 1).token();
  }

  private static boolean closedByTheConsole(Socket s) throws IOException {
    try {
      return s.getInputStream().read() == -1;
    } catch (SocketException reset) {
      return true;
    }
  }

  @Test
  void aStrangerAnnouncingAMebibyteIsRefusedBeforeItsBodyArrives() throws Exception {
    try (TlsPeer stranger = new TlsPeer(console.manager())) {
      // Before: the console allocated the 1 MiB and waited for it (921 such peers held 977 MB).
      new DataOutputStream(stranger.socket.getOutputStream()).writeInt(Protocol.MAX_FRAME_BYTES);
      Message answer = stranger.reader.readMessage();
      assertThat(answer)
          .isInstanceOfSatisfying(
              ErrorMessage.class,
              e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_FRAME);
                assertThat(e.detail())
                    .contains("outside 1.." + Protocol.MAX_UNADMITTED_FRAME_BYTES);
              });
    }
  }

  @Test
  void anAdmittedAgentMaySendFramesLargerThanAStrangersLimit() throws Exception {
    try (TlsPeer agent = new TlsPeer(console.manager())) {
      assertThat(agent.greet(token())).isInstanceOf(Welcome.class);
      String heartbeat = new String(MessageCodec.encode(new Heartbeat(1)), StandardCharsets.UTF_8);
      String padded =
          heartbeat.replace("\"body\":{", "\"body\":{\"padding\":\"" + "x".repeat(100_000) + "\",");
      agent.writer.writeFrame(padded.getBytes(StandardCharsets.UTF_8));
      agent.writer.writeMessage(
          new AlertReport(7, "cpu", Severity.WARNING, AlertState.FIRING, 95, 90, 1, "CPU at 95"));
      Message next;
      do {
        next = agent.reader.readMessage();
      } while (next instanceof Heartbeat);
      assertThat(next).isEqualTo(new Ack(7));
    }
  }

  @Test
  void connectionsBeyondTheUnadmittedLimitAreClosedAtOnce() throws Exception {
    int port = console.manager().info().agentListener().getPort();
    List<Socket> idle = new ArrayList<>();
    try {
      for (int i = 0; i < UNADMITTED; i++) {
        idle.add(new Socket(InetAddress.getLoopbackAddress(), port));
      }
      await()
          .atMost(Duration.ofSeconds(5))
          .untilAsserted(
              () -> {
                try (Socket extra = new Socket(InetAddress.getLoopbackAddress(), port)) {
                  // Before: held open until the 10 s handshake deadline, like the others.
                  extra.setSoTimeout(3_000);
                  assertThat(closedByTheConsole(extra)).isTrue();
                }
              });
      assertThat(console.manager().info().sessions().turnedAway()).isPositive();
    } finally {
      for (Socket s : idle) {
        s.close();
      }
    }
    // Once the idle connections are gone, agents get in again.
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () -> {
              try (TlsPeer agent = new TlsPeer(console.manager())) {
                assertThat(agent.greet(token())).isInstanceOf(Welcome.class);
              }
            });
  }

  @Test
  void newAgentsWithoutATokenBeyondTheLimitForOneAddressAreRefusedAndNotStored() throws Exception {
    List<TlsPeer> waiting = new ArrayList<>();
    try {
      for (int i = 0; i < PER_ADDRESS; i++) {
        TlsPeer peer = new TlsPeer(console.manager());
        waiting.add(peer);
        assertThat(peer.greet(null)).isInstanceOf(Pending.class);
      }
      int known = console.manager().agents().size();
      try (TlsPeer one = new TlsPeer(console.manager())) {
        Message answer = one.greet(null);
        assertThat(answer)
            .isInstanceOfSatisfying(
                ErrorMessage.class,
                e -> {
                  assertThat(e.code()).isEqualTo(ErrorCode.NOT_AUTHORIZED);
                  assertThat(e.detail()).contains("waiting for approval").contains("127.0.0.1");
                });
        try {
          one.reader.readFrame();
          throw new AssertionError("the console kept the connection open");
        } catch (EOFException | SocketException expected) {
          // refused and closed
        }
        assertThat(console.manager().agent(one.agentId.toString())).isEmpty();
      }
      assertThat(console.manager().agents()).hasSize(known);
    } finally {
      for (TlsPeer p : waiting) {
        p.close();
      }
    }
  }
}
