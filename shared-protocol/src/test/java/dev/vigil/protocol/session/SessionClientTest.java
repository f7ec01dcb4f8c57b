package dev.vigil.protocol.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vigil.protocol.Protocol;
import dev.vigil.protocol.datagram.AlertDatagram;
import dev.vigil.protocol.frame.FrameReader;
import dev.vigil.protocol.frame.FrameWriter;
import dev.vigil.protocol.message.Ack;
import dev.vigil.protocol.message.AlertReport;
import dev.vigil.protocol.message.AlertState;
import dev.vigil.protocol.message.ConsoleMessage;
import dev.vigil.protocol.message.Heartbeat;
import dev.vigil.protocol.message.Hello;
import dev.vigil.protocol.message.Message;
import dev.vigil.protocol.message.Pending;
import dev.vigil.protocol.message.Severity;
import dev.vigil.protocol.message.Welcome;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The shared session client against a fake console on loopback, in plain TCP: the dialogue from
 * hello to welcome (with heartbeats while pending), dispatch of the console's messages, sealed
 * datagrams, reconnecting, and server mode.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SessionClientTest {
  private static final UUID AGENT = UUID.fromString("0f8fad5b-d9cb-469f-a165-70867728950e");
  private static final byte[] KEY = new byte[AlertDatagram.KEY_BYTES];

  /** Records what the client reports, from its thread, for the test's thread to check. */
  private static final class Recorder implements SessionHandler, SessionEvents {
    final List<String> log = new CopyOnWriteArrayList<>();
    final List<ConsoleMessage> received = new CopyOnWriteArrayList<>();
    final AtomicReference<ConsoleSession> open = new AtomicReference<>();
    final AtomicInteger dials = new AtomicInteger();

    @Override
    public void sessionOpened(ConsoleSession session) {
      open.set(session);
      log.add("opened");
    }

    @Override
    public void received(ConsoleSession session, ConsoleMessage message) {
      received.add(message);
    }

    @Override
    public void sessionClosed(ConsoleSession session) {
      open.set(null);
      log.add("closed");
    }

    @Override
    public void dialing() {
      dials.incrementAndGet();
    }

    @Override
    public void pending(Pending pending) {
      log.add("pending");
    }

    @Override
    public void pendingEnded() {
      log.add("pendingEnded");
    }

    @Override
    public void connected(ConsoleSession session) {
      log.add("connected");
    }

    @Override
    public void failed(IOException e, SocketAddress peer) {
      log.add("failed");
    }
  }

  /** One connection as the console's side sees it. */
  private record Line(Socket socket, FrameReader in, FrameWriter out) {
    static Line of(Socket s) throws IOException {
      s.setSoTimeout(20_000);
      return new Line(
          s,
          new FrameReader(s.getInputStream(), Protocol.MAX_FRAME_BYTES),
          new FrameWriter(s.getOutputStream(), Protocol.MAX_FRAME_BYTES));
    }
  }

  private static Hello hello() {
    return new Hello(
        Protocol.VERSION, AGENT.toString(), "test-host", "Test OS", "0.0", List.of(), null);
  }

  private static Welcome welcome(int heartbeatSeconds, int alertPort) {
    return new Welcome(
        Protocol.VERSION,
        "console",
        heartbeatSeconds,
        alertPort,
        Base64.getEncoder().encodeToString(KEY));
  }

  @Test
  void aPendingAgentShowsLifeUntilWelcomedThenGetsTheConsolesMessagesAndDialsAgain()
      throws Exception {
    Recorder recorder = new Recorder();
    try (ServerSocket console = new ServerSocket(0, 8, InetAddress.getLoopbackAddress());
        DatagramSocket consoleUdp = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        DatagramSocket agentUdp = new DatagramSocket();
        SessionClient client =
            SessionClient.dialing("127.0.0.1", console.getLocalPort())
                .agentId(AGENT)
                .hello(SessionClientTest::hello)
                .handler(recorder)
                .events(recorder)
                .datagrams(agentUdp)
                .build()) {
      Thread.ofVirtual().start(client);
      Line line = Line.of(console.accept());
      assertThat(line.in().readMessage()).isEqualTo(hello());

      // Pending: the agent keeps the line alive with heartbeats of its own.
      line.out().writeMessage(new Pending("SHA256:agent", "waiting for approval"));
      assertThat(line.in().readMessage()).isInstanceOf(Heartbeat.class);
      assertThat(recorder.log).containsExactly("pending");

      line.out().writeMessage(welcome(1, consoleUdp.getLocalPort()));
      await().atMost(Duration.ofSeconds(10)).until(() -> recorder.open.get() != null);
      assertThat(recorder.log).containsExactly("pending", "pendingEnded", "connected", "opened");
      ConsoleSession session = recorder.open.get();
      assertThat(session.consoleFingerprint()).isEqualTo("insecure");

      // The console's messages reach the handler; the session's heartbeat falls due when idle.
      line.out().writeMessage(new Heartbeat(1));
      line.out().writeMessage(new Ack(7));
      await().atMost(Duration.ofSeconds(10)).until(() -> recorder.received.contains(new Ack(7)));
      await().atMost(Duration.ofSeconds(10)).until(session::heartbeatIfIdle);
      assertThat(line.in().readMessage()).isInstanceOf(Heartbeat.class);

      // Alerts leave as datagrams sealed with the welcome's key, each with its own counter.
      AlertReport alert =
          new AlertReport(3, "cpu", Severity.WARNING, AlertState.FIRING, 95, 90, 1, "CPU at 95");
      assertThat(session.sendDatagram(alert)).isTrue();
      assertThat(session.sendDatagram(alert)).isTrue();
      consoleUdp.setSoTimeout(10_000);
      DatagramPacket first = new DatagramPacket(new byte[AlertDatagram.MAX_BYTES], 1200);
      consoleUdp.receive(first);
      assertThat(AlertDatagram.open(first.getData(), first.getLength(), KEY)).isEqualTo(alert);
      assertThat(AlertDatagram.header(first.getData(), first.getLength()).agentId())
          .isEqualTo(AGENT);
      DatagramPacket second = new DatagramPacket(new byte[AlertDatagram.MAX_BYTES], 1200);
      consoleUdp.receive(second);
      assertThat(AlertDatagram.header(second.getData(), second.getLength()).counter())
          .isGreaterThan(AlertDatagram.header(first.getData(), first.getLength()).counter());

      // The console goes away: the session closes, is reported, and the agent dials again.
      line.socket().close();
      Line again = Line.of(console.accept());
      assertThat(again.in().readMessage()).isEqualTo(hello());
      assertThat(recorder.log).endsWith("closed", "failed");
      assertThat(recorder.dials).hasValue(2);
      again.socket().close();
    }
  }

  @Test
  void inServerModeTheConsoleDialsInAndTheSessionOpens() throws Exception {
    Recorder recorder = new Recorder();
    try (SessionClient client =
        SessionClient.listening(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
            .agentId(AGENT)
            .hello(SessionClientTest::hello)
            .handler(recorder)
            .events(recorder)
            .build()) {
      assertThat(client.listenPort()).isPositive();
      Thread.ofVirtual().start(client);
      try (Socket s = new Socket(InetAddress.getLoopbackAddress(), client.listenPort())) {
        Line line = Line.of(s);
        assertThat(line.in().readMessage()).isEqualTo(hello());
        line.out().writeMessage(welcome(5, 0));
        await().atMost(Duration.ofSeconds(10)).until(() -> recorder.open.get() != null);
        ConsoleSession session = recorder.open.get();
        // A console without an alert port gets its alerts over TCP only.
        assertThat(
                session.sendDatagram(
                    new AlertReport(
                        1, "cpu", Severity.WARNING, AlertState.FIRING, 95, 90, 1, "CPU at 95")))
            .isFalse();
        session.send(new Heartbeat(2));
        Message next = line.in().readMessage();
        assertThat(next).isEqualTo(new Heartbeat(2));
      }
      await().atMost(Duration.ofSeconds(10)).until(() -> recorder.log.contains("closed"));
    }
  }
}
