package dev.vigil.console.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vigil.agent.Agent;
import dev.vigil.console.TestAgents;
import dev.vigil.console.manager.ConsoleManager;
import dev.vigil.console.manager.ManagerConfig;
import dev.vigil.console.manager.api.AgentStatus;
import dev.vigil.console.manager.api.UdpCounters;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Abuse that a console on a hostile network must shrug off: a thousand connections that never
 * finish the TLS handshake, and a flood of forged alert datagrams. Real agents keep working.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class AbuseTest {
  private static final int IDLE_CONNECTIONS =
      Integer.getInteger("vigil.reliability.idle-connections", 1000);
  private static final int FLOOD_DATAGRAMS =
      Integer.getInteger("vigil.reliability.flood-datagrams", 50_000);

  @TempDir Path dir;
  private ConsoleManager manager;
  private final List<Agent> agents = new ArrayList<>();

  @BeforeEach
  void start() throws Exception {
    manager = new ConsoleManager(ManagerConfig.loopbackAnyPort(dir.resolve("console")));
    manager.start();
  }

  @AfterEach
  void stop() {
    agents.forEach(Agent::close);
    manager.close();
  }

  @Test
  void aThousandConnectionsThatNeverFinishTheHandshakeDoNotKeepAgentsOut() throws Exception {
    List<Socket> idle = new ArrayList<>();
    try {
      for (int i = 0; i < IDLE_CONNECTIONS; i++) {
        Socket s = new Socket();
        s.connect(manager.info().agentListener(), 5_000);
        idle.add(s); // connected, never says a word
      }
      Agent agent = TestAgents.quiet(manager, dir.resolve("agent"));
      agents.add(agent);
      TestAgents.awaitReporting(manager, agent.id().toString());
      assertThat(manager.agent(agent.id().toString()).orElseThrow().status())
          .isEqualTo(AgentStatus.ONLINE);
    } finally {
      for (Socket s : idle) {
        s.close();
      }
    }
    System.out.printf(
        "%d idle connections held open; a real agent still enrolled and reported%n",
        IDLE_CONNECTIONS);
  }

  @Test
  void peersThatStallMidHandshakeLoseTheirTurnAndAgentsStillGetIn() throws Exception {
    byte[] clientHello = clientHello();
    int extra = 8;
    List<Socket> stalled = new ArrayList<>();
    try {
      // Every handshake turn taken by a peer that sends its client hello and then stalls, and a
      // few more such peers waiting for a turn.
      for (int i = 0; i < manager.info().sessions().handshakeTurns() + extra; i++) {
        Socket s = new Socket();
        s.connect(manager.info().agentListener(), 5_000);
        s.getOutputStream().write(clientHello);
        s.getOutputStream().flush();
        stalled.add(s);
      }
      Agent agent = TestAgents.quiet(manager, dir.resolve("agent"));
      agents.add(agent);

      // Those that found no turn are turned away before any cryptography; those holding a turn are
      // cut at the hold limit, long before the 10 s handshake deadline.
      await()
          .atMost(Duration.ofSeconds(20))
          .until(() -> manager.info().sessions().turnedAway() > 0);
      for (Socket s : stalled) {
        s.setSoTimeout(15_000);
        assertThat(readsToTheEnd(s)).as("the console closed a stalled peer").isTrue();
      }
      TestAgents.awaitReporting(manager, agent.id().toString());
      assertThat(manager.agent(agent.id().toString()).orElseThrow().status())
          .isEqualTo(AgentStatus.ONLINE);
      System.out.printf(
          "%d stalled handshakes: %d turned away, all closed; a real agent still enrolled%n",
          stalled.size(), manager.info().sessions().turnedAway());
    } finally {
      for (Socket s : stalled) {
        s.close();
      }
    }
  }

  /** A TLS 1.3 client hello as any client would send it first. */
  private static byte[] clientHello() throws Exception {
    SSLContext context = SSLContext.getInstance("TLSv1.3");
    context.init(null, null, null);
    SSLEngine engine = context.createSSLEngine();
    engine.setUseClientMode(true);
    ByteBuffer out = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
    engine.wrap(ByteBuffer.allocate(0), out);
    out.flip();
    byte[] bytes = new byte[out.remaining()];
    out.get(bytes);
    return bytes;
  }

  /** Reads whatever the console sent until it closed the connection; false on a read timeout. */
  private static boolean readsToTheEnd(Socket s) {
    byte[] buffer = new byte[4096];
    try {
      while (s.getInputStream().read(buffer) >= 0) {
        // the server's first flight, then the close
      }
      return true;
    } catch (SocketTimeoutException e) {
      return false;
    } catch (IOException e) {
      return true; // reset by the console
    }
  }

  @Test
  void aFloodOfForgedDatagramsIsCountedAndRealAlertsStillArrive() throws Exception {
    InetSocketAddress target = manager.info().alertListener();
    AtomicBoolean flooding = new AtomicBoolean(true);
    AtomicLong sent = new AtomicLong();
    Thread flood =
        Thread.ofPlatform()
            .name("udp-flood")
            .start(
                () -> {
                  SplittableRandom random = new SplittableRandom(7);
                  byte[] junk = new byte[120];
                  try (DatagramSocket udp = new DatagramSocket()) {
                    DatagramPacket packet = new DatagramPacket(junk, junk.length, target);
                    while (flooding.get()) {
                      random.nextBytes(junk);
                      udp.send(packet);
                      sent.incrementAndGet();
                    }
                  } catch (Exception e) {
                    throw new IllegalStateException(e);
                  }
                });
    try {
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> manager.info().datagrams().dropped() > 1000);
      Agent agent = TestAgents.alerting(manager, dir.resolve("agent"));
      agents.add(agent);
      String id = agent.id().toString();
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> manager.recentAlerts().stream().anyMatch(e -> e.agentId().equals(id)));
      // The flood goes on until the console has turned away its planned size.
      await()
          .atMost(Duration.ofSeconds(120))
          .until(() -> manager.info().datagrams().dropped() >= FLOOD_DATAGRAMS);
    } finally {
      flooding.set(false);
      flood.join();
    }
    UdpCounters c = manager.info().datagrams();
    assertThat(c.dropped()).isGreaterThanOrEqualTo(FLOOD_DATAGRAMS);
    assertThat(c.accepted()).isLessThanOrEqualTo(1); // only the real agent's datagram, if any
    System.out.printf(
        "UDP flood: %d forged datagrams sent, %d counted as dropped (malformed %d, unknown agent"
            + " %d, forged %d); the real alert arrived%n",
        sent.get(), c.dropped(), c.malformed(), c.unknownAgent(), c.forged());
  }
}
