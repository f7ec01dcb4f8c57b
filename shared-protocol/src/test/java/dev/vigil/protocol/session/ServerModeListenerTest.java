package dev.vigil.protocol.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vigil.protocol.Protocol;
import dev.vigil.protocol.frame.FrameReader;
import dev.vigil.protocol.message.ConsoleMessage;
import dev.vigil.protocol.message.Hello;
import dev.vigil.protocol.tls.PeerCheck;
import dev.vigil.protocol.tls.TlsContexts;
import dev.vigil.protocol.tls.TlsIdentity;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The agent's listener in server mode under attack: accept() failing without pause (out of file
 * descriptors), and peers that connect and stall or trickle their handshake while the real console
 * dials in.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ServerModeListenerTest {
  private static final UUID AGENT = UUID.fromString("0f8fad5b-d9cb-469f-a165-70867728950e");
  private static final TlsIdentity AGENT_KEY = TlsIdentity.create("agent");
  private static final TlsIdentity CONSOLE_KEY = TlsIdentity.create("console");
  private static final InetSocketAddress ANY_LOOPBACK_PORT =
      new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);

  private static Hello hello() {
    return new Hello(
        Protocol.VERSION, AGENT.toString(), "test-host", "Test OS", "0.0", List.of(), null);
  }

  private static SessionClient.Builder agent() {
    return SessionClient.listening(ANY_LOOPBACK_PORT)
        .agentId(AGENT)
        .hello(ServerModeListenerTest::hello)
        .handler(
            new SessionHandler() {
              @Override
              public void sessionOpened(ConsoleSession session) {}

              @Override
              public void received(ConsoleSession session, ConsoleMessage message) {}

              @Override
              public void sessionClosed(ConsoleSession session) {}
            });
  }

  /** A listening socket whose accept() fails at once, as it does without file descriptors. */
  private static final class ExhaustedServerSocket extends ServerSocket {
    ExhaustedServerSocket() throws IOException {}

    @Override
    public Socket accept() throws IOException {
      if (isClosed()) {
        throw new SocketException("Socket is closed");
      }
      throw new IOException("Too many open files");
    }
  }

  @Test
  void failingAcceptsPauseAndAreReportedAtABoundedRate() throws Exception {
    AtomicLong reports = new AtomicLong();
    AtomicLong reportedFailures = new AtomicLong();
    SessionEvents events =
        new SessionEvents() {
          @Override
          public void acceptFailed(IOException e, long failures) {
            reports.incrementAndGet();
            reportedFailures.addAndGet(failures);
          }
        };
    try (SessionClient client =
        agent()
            .events(events)
            .serverSockets(
                () -> {
                  try {
                    return new ExhaustedServerSocket();
                  } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                  }
                })
            .build()) {
      Thread loop = Thread.ofVirtual().start(client);
      // Before: millions of attempts (and log lines) in these two seconds. Now: 50 ms doubling to
      // 1 s, about six attempts; twenty is a generous bound.
      await()
          .during(Duration.ofSeconds(2))
          .atMost(Duration.ofSeconds(3))
          .until(() -> client.acceptAttempts() <= 20);
      assertThat(client.acceptAttempts()).isGreaterThanOrEqualTo(3);
      assertThat(reports).hasValue(1); // the first failure, then at most one line per 10 s
      assertThat(reportedFailures).hasValue(1);
      client.close();
      loop.join(Duration.ofSeconds(5));
      assertThat(loop.isAlive()).isFalse();
    }
  }

  @Test
  void stalledPeersDoNotKeepThePinnedConsoleOut() throws Exception {
    SSLContext agentTls =
        TlsContexts.create(
            AGENT_KEY, PeerCheck.pinned(CONSOLE_KEY.fingerprint(), "the console", "re-pin it"));
    SSLContext consoleTls = TlsContexts.create(CONSOLE_KEY, PeerCheck.ANY);
    List<Socket> stalled = new ArrayList<>();
    try (SessionClient client = agent().tls(agentTls).build()) {
      Thread.ofVirtual().start(client);
      // Three peers that start a TLS record and say no more: before, the first of them held the
      // only accepting thread for the whole read timeout (and for ever, trickling a byte at a
      // time).
      for (int i = 0; i < 3; i++) {
        Socket s = new Socket(InetAddress.getLoopbackAddress(), client.listenPort());
        s.getOutputStream().write(new byte[] {22, 3, 1});
        s.getOutputStream().flush();
        stalled.add(s);
      }
      long start = System.nanoTime();
      try (SSLSocket console =
          (SSLSocket)
              consoleTls
                  .getSocketFactory()
                  .createSocket(InetAddress.getLoopbackAddress(), client.listenPort())) {
        console.setUseClientMode(true);
        TlsContexts.configure(console);
        console.setSoTimeout(20_000);
        console.startHandshake();
        Object first =
            new FrameReader(console.getInputStream(), Protocol.MAX_FRAME_BYTES).readMessage();
        assertThat(first).isEqualTo(hello());
      }
      // Well inside the 10 s a stalled peer used to hold the acceptor for.
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    } finally {
      for (Socket s : stalled) {
        s.close();
      }
    }
  }

  @Test
  void aPeerTricklingItsHandshakeIsClosedAtTheDeadline() throws Exception {
    SSLContext agentTls =
        TlsContexts.create(
            AGENT_KEY, PeerCheck.pinned(CONSOLE_KEY.fingerprint(), "the console", "re-pin it"));
    try (SessionClient client = agent().tls(agentTls).build();
        Socket slow = new Socket()) {
      Thread.ofVirtual().start(client);
      slow.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), client.listenPort()));
      byte[] clientHelloStart = {22, 3, 1, 0, (byte) 200, 1, 0, 0, (byte) 196, 3, 3, 0, 0};
      long start = System.nanoTime();
      // The attack: 13 bytes, one a second (each read well inside the 10 s read timeout).
      Thread trickler =
          Thread.ofVirtual()
              .start(
                  () -> {
                    try {
                      for (byte b : clientHelloStart) {
                        slow.getOutputStream().write(b);
                        slow.getOutputStream().flush();
                        Thread.sleep(1000); // the attacker's pace, not a wait for the agent
                      }
                    } catch (IOException | InterruptedException e) {
                      // closed by the agent's deadline: the end this test waits for
                    }
                  });
      slow.setSoTimeout(30_000);
      InputStream in = slow.getInputStream();
      int read;
      try {
        read = in.read();
      } catch (SocketException reset) {
        read = -1;
      }
      assertThat(read).isEqualTo(-1);
      Duration held = Duration.ofNanos(System.nanoTime() - start);
      assertThat(held)
          .isGreaterThanOrEqualTo(Duration.ofSeconds(8))
          .isLessThan(Duration.ofSeconds(15)); // before: 10 s after the last of 13 bytes
      trickler.join(Duration.ofSeconds(5));
    }
  }
}
