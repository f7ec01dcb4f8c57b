package dev.vigil.console.manager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vigil.agent.Agent;
import dev.vigil.console.RunningConsole;
import dev.vigil.console.manager.api.CommandOutcome;
import dev.vigil.console.manager.api.Operator;
import dev.vigil.console.manager.api.UdpCounters;
import dev.vigil.protocol.Protocol;
import dev.vigil.protocol.command.Command;
import dev.vigil.protocol.datagram.AlertDatagram;
import dev.vigil.protocol.frame.FrameReader;
import dev.vigil.protocol.frame.FrameWriter;
import dev.vigil.protocol.message.AlertReport;
import dev.vigil.protocol.message.AlertState;
import dev.vigil.protocol.message.ErrorCode;
import dev.vigil.protocol.message.ErrorMessage;
import dev.vigil.protocol.message.Hello;
import dev.vigil.protocol.message.Message;
import dev.vigil.protocol.message.Severity;
import dev.vigil.protocol.message.Welcome;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Whatever one peer sends, that session alone ends; the listeners and other sessions carry on. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class BadInputTest {
  @RegisterExtension final RunningConsole console = RunningConsole.onLoopback();
  private ConsoleManager manager;
  private Agent agent;

  @BeforeEach
  void start() throws Exception {
    manager = console.manager();
    agent = console.quietAgent("agent");
    await()
        .atMost(Duration.ofSeconds(15))
        .until(() -> manager.agent(agent.id().toString()).isPresent());
  }

  /** A connection that completed mutual TLS; what it sends next is up to the test. */
  private Socket connect() throws IOException {
    return new TlsPeer(manager).socket;
  }

  /** Reads what the console answers until it closes the connection. */
  private static Message answerThenClose(Socket s) throws IOException {
    FrameReader reader = new FrameReader(s.getInputStream(), Protocol.MAX_FRAME_BYTES);
    Message answer = reader.readMessage();
    try {
      reader.readFrame();
      throw new AssertionError("the console kept the connection open");
    } catch (EOFException | java.net.SocketException expected) {
      return answer;
    }
  }

  private void otherSessionsAndTheListenerStillWork() throws Exception {
    String id = agent.id().toString();
    CommandOutcome outcome =
        manager
            .send(Operator.local(), id, Command.RESTART, java.util.Map.of())
            .get(15, TimeUnit.SECONDS);
    assertThat(outcome.status()).isEqualTo(CommandOutcome.Status.SUCCEEDED);
    try (Socket s = connect()) {
      FrameWriter w = new FrameWriter(s.getOutputStream(), Protocol.MAX_FRAME_BYTES);
      w.writeMessage(hello(UUID.randomUUID(), token()));
      Message m = new FrameReader(s.getInputStream(), Protocol.MAX_FRAME_BYTES).readMessage();
      assertThat(m).isInstanceOf(Welcome.class);
    }
  }

  private String token() {
    return manager.enroll(Operator.local(), Duration.ofMinutes(5), 1).token();
  }

  private static Hello hello(UUID id, String token) {
    return new Hello(Protocol.VERSION, id.toString(), "test-peer", "test", "0", List.of(), token);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, -1, Protocol.MAX_FRAME_BYTES + 1})
  void aLengthOutsideTheLimitsClosesThatConnectionOnly(int length) throws Exception {
    try (Socket s = connect()) {
      new DataOutputStream(s.getOutputStream()).writeInt(length);
      Message answer = answerThenClose(s);
      assertThat(answer)
          .isInstanceOfSatisfying(
              ErrorMessage.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_FRAME));
    }
    otherSessionsAndTheListenerStillWork();
  }

  static java.util.stream.Stream<org.junit.jupiter.params.provider.Arguments> badFirstFrames() {
    String hello =
        new String(
            dev.vigil.protocol.frame.MessageCodec.encode(hello(UUID.randomUUID(), null)),
            StandardCharsets.UTF_8);
    String version = "\"protocolVersion\":" + Protocol.VERSION;
    return java.util.stream.Stream.of(
            new Object[] {"not JSON", "not json at all"},
            new Object[] {"an unknown type", "{\"type\":\"launch_missiles\",\"body\":{}}"},
            new Object[] {
              // A whole stats body: one with only cpuPercent is now refused for its missing
              // fields (docs/protocol.md 2.3) before the session could find it early.
              "stats before hello",
              "{\"type\":\"stats\",\"body\":{\"sampledAtMillis\":1,\"cpuPercent\":12,"
                  + "\"memoryUsedBytes\":0,\"memoryTotalBytes\":0,\"processCount\":0}}"
            },
            new Object[] {
              "a heartbeat before hello", "{\"type\":\"heartbeat\",\"body\":{\"sentAtMillis\":1}}"
            },
            new Object[] {
              "a protocol version no console speaks (0)",
              hello.replace(version, "\"protocolVersion\":0")
            },
            new Object[] {
              "a hello without its agent id", hello.replaceFirst("\"agentId\":\"[^\"]*\",", "")
            },
            new Object[] {
              "a hello whose id has the wrong type",
              hello.replaceFirst("\"agentId\":\"[^\"]*\"", "\"agentId\":[1,2]")
            },
            new Object[] {
              // Within the 8 KiB a session may send before it is admitted, so that the parser's
              // depth limit refuses it: 100,000 deep was refused by its length alone, and the
              // console's close while 200 KB were still being written broke the test's pipe.
              "JSON nested 4,000 deep",
              "{\"type\":\"hello\",\"body\":" + "[".repeat(4_000) + "]".repeat(4_000) + "}"
            },
            new Object[] {"invalid UTF-8", null})
        .map(
            a ->
                org.junit.jupiter.params.provider.Arguments.of(
                    a[0],
                    a[1] == null
                        ? new byte[] {
                          '{', '"', 't', (byte) 0xC3, (byte) 0x28, (byte) 0xFF, '"', '}'
                        }
                        : ((String) a[1]).getBytes(StandardCharsets.UTF_8)));
  }

  @ParameterizedTest(name = "{0}")
  @org.junit.jupiter.params.provider.MethodSource("badFirstFrames")
  void aBadFirstFrameIsAnsweredWithAnErrorAndClosesThatConnectionOnly(String what, byte[] body)
      throws Exception {
    try (Socket s = connect()) {
      FrameWriter w = new FrameWriter(s.getOutputStream(), Protocol.MAX_FRAME_BYTES);
      w.writeFrame(body);
      assertThat(answerThenClose(s)).as(what).isInstanceOf(ErrorMessage.class);
    }
    otherSessionsAndTheListenerStillWork();
  }

  @Test
  void aTruncatedFrameClosesThatConnectionOnly() throws Exception {
    try (Socket s = connect()) {
      DataOutputStream out = new DataOutputStream(s.getOutputStream());
      out.writeInt(100);
      out.write("{\"type\":".getBytes(StandardCharsets.UTF_8));
      out.flush();
      s.shutdownOutput(); // the rest never comes
      s.getInputStream().readAllBytes(); // returns when the console closes
    } catch (java.net.SocketException reset) {
      // closed by the console first
    }
    otherSessionsAndTheListenerStillWork();
  }

  @Test
  void randomBytesCloseThatConnectionOnly() throws Exception {
    byte[] noise = new byte[4096];
    new java.util.Random(42).nextBytes(noise);
    try (Socket s = connect()) {
      OutputStream out = s.getOutputStream();
      out.write(noise);
      out.flush();
      s.getInputStream().readAllBytes(); // returns when the console closes
    } catch (java.net.SocketException reset) {
      // The console may reset the connection while we are still writing.
    }
    otherSessionsAndTheListenerStillWork();
  }

  @Test
  void aPeerThatNeverCompletesTheHandshakeDoesNotBlockOthers() throws Exception {
    try (Socket silent = connect()) {
      otherSessionsAndTheListenerStillWork();
    }
  }

  @Test
  void replayedForgedAndUnknownAgentDatagramsAreDroppedAndCounted() throws Exception {
    UUID id = UUID.randomUUID();
    try (Socket s = connect();
        DatagramSocket udp = new DatagramSocket()) {
      FrameWriter w = new FrameWriter(s.getOutputStream(), Protocol.MAX_FRAME_BYTES);
      w.writeMessage(hello(id, token()));
      Welcome welcome =
          (Welcome) new FrameReader(s.getInputStream(), Protocol.MAX_FRAME_BYTES).readMessage();
      byte[] key = Base64.getDecoder().decode(welcome.alertKey());
      AlertReport alert =
          new AlertReport(
              1,
              "cpu",
              Severity.CRITICAL,
              AlertState.FIRING,
              99,
              90,
              System.currentTimeMillis(),
              "hot");
      byte[] datagram = AlertDatagram.seal(id, 1, key, alert);
      send(udp, datagram);
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> manager.info().datagrams().accepted() == 1);

      send(udp, datagram); // captured and sent again
      byte[] forged = AlertDatagram.seal(id, 2, key, alert);
      forged[forged.length - 1] ^= 1;
      send(udp, forged);
      send(udp, AlertDatagram.seal(UUID.randomUUID(), 1, key, alert));
      send(udp, "hello".getBytes(StandardCharsets.US_ASCII));

      await()
          .atMost(Duration.ofSeconds(10))
          .ignoreExceptions()
          .untilAsserted(
              () ->
                  assertThat(manager.info().datagrams()).isEqualTo(new UdpCounters(1, 1, 1, 1, 1)));
      assertThat(manager.recentAlerts()).hasSize(1);
    }
    otherSessionsAndTheListenerStillWork();
  }

  private void send(DatagramSocket udp, byte[] data) throws IOException {
    udp.send(new DatagramPacket(data, data.length, manager.info().alertListener()));
  }
}
