package dev.vigil.agent.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.vigil.agent.Agent;
import dev.vigil.agent.AgentConfig;
import dev.vigil.agent.probe.HostFacts;
import dev.vigil.agent.probe.ProcessSample;
import dev.vigil.agent.probe.SystemProbe;
import dev.vigil.protocol.Protocol;
import dev.vigil.protocol.command.AllowList;
import dev.vigil.protocol.command.Command;
import dev.vigil.protocol.frame.FrameReader;
import dev.vigil.protocol.frame.FrameWriter;
import dev.vigil.protocol.message.Hello;
import dev.vigil.protocol.message.Message;
import dev.vigil.protocol.message.StatsReport;
import dev.vigil.protocol.message.Welcome;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * A real agent against a fake console on loopback (plain TCP, insecure mode): a command frame it
 * cannot read is audited before the session closes (#16, finding 10), and a probe that keeps
 * failing neither stops the sampling nor floods the log (finding 17).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class AgentAuditTest {
  @TempDir Path dir;

  /** A probe whose first {@code failures} samples throw, as a broken sensor would. */
  private static final class FailingProbe implements SystemProbe {
    final AtomicInteger samples = new AtomicInteger();
    final int failures;

    FailingProbe(int failures) {
      this.failures = failures;
    }

    @Override
    public HostFacts facts() {
      return new HostFacts("audited", "Test OS");
    }

    @Override
    public StatsReport sample() {
      if (samples.incrementAndGet() <= failures) {
        throw new IllegalStateException("injected sensor failure");
      }
      return new StatsReport(System.currentTimeMillis(), 5, 1L << 30, 4L << 30, 10);
    }

    @Override
    public List<ProcessSample> topProcesses(int limit) {
      return List.of();
    }
  }

  private Agent agent(int port, SystemProbe probe) throws Exception {
    AgentConfig config =
        AgentConfig.dialing("127.0.0.1", port)
            .dataDir(dir)
            .statsInterval(Duration.ofMillis(100))
            .rules(Map.of())
            .allowList(new AllowList(Set.of(Command.REFRESH), "the test"))
            .dryRun(true)
            .insecure(true)
            .outboxLimit(100)
            .initialConnectDelay(Duration.ZERO)
            .cpuBudgetPercent(100)
            .memoryBudgetBytes(1L << 40)
            .build();
    Agent agent = new Agent(config, UUID.randomUUID(), probe);
    agent.start();
    return agent;
  }

  private static Welcome welcome() {
    return new Welcome(
        Protocol.VERSION, "console", 5, 0, Base64.getEncoder().encodeToString(new byte[32]));
  }

  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(strings = {"malformed", "agent-only"})
  void aCommandFrameTheAgentCannotReadIsAuditedBeforeTheSessionCloses(String kind)
      throws Exception {
    byte[] frame =
        kind.equals("malformed")
            ? "{\"type\":\"command\",\"commandId\":\"c-bad\",\"command\":\"kill\",\"arguments\":7}"
                .getBytes(StandardCharsets.UTF_8)
            : dev.vigil.protocol.frame.MessageCodec.encode(
                new StatsReport(System.currentTimeMillis(), 5, 1L << 30, 4L << 30, 10));
    try (ServerSocket console = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
      console.setSoTimeout(20_000);
      Agent agent = agent(console.getLocalPort(), new FailingProbe(0));
      try (Socket s = console.accept()) {
        s.setSoTimeout(20_000);
        FrameReader in = new FrameReader(s.getInputStream(), Protocol.MAX_FRAME_BYTES);
        FrameWriter out = new FrameWriter(s.getOutputStream(), Protocol.MAX_FRAME_BYTES);
        assertThat(in.readMessage()).isInstanceOf(Hello.class);
        out.writeMessage(welcome());
        out.writeFrame(frame);
        await()
            .atMost(Duration.ofSeconds(10))
            .ignoreExceptions()
            .until(() -> Files.readString(dir.resolve(AuditTrail.FILE)).contains("\"malformed\""));
      } finally {
        agent.close();
      }
    }
    String line =
        Files.readAllLines(dir.resolve(AuditTrail.FILE)).stream()
            .filter(l -> l.contains("\"phase\":\"malformed\""))
            .findFirst()
            .orElseThrow();
    assertThat(line).contains("\"issuer\":\"insecure\"", "\"outcome\":\"MALFORMED\"");
    if (kind.equals("agent-only")) {
      assertThat(line).contains("unexpected StatsReport");
    }
    assertThat(AuditCheck.of(dir).intact()).isTrue();
  }

  @Test
  void aProbeThatKeepsFailingNeitherStopsSamplingNorFloodsTheLog() throws Exception {
    ListAppender<ILoggingEvent> log = new ListAppender<>();
    log.start();
    Logger logger = (Logger) LoggerFactory.getLogger(Agent.class);
    logger.addAppender(log);
    FailingProbe probe = new FailingProbe(15);
    try (ServerSocket console = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
      console.setSoTimeout(20_000);
      Agent agent = agent(console.getLocalPort(), probe);
      try (Socket s = console.accept()) {
        s.setSoTimeout(20_000);
        FrameReader in = new FrameReader(s.getInputStream(), Protocol.MAX_FRAME_BYTES);
        FrameWriter out = new FrameWriter(s.getOutputStream(), Protocol.MAX_FRAME_BYTES);
        assertThat(in.readMessage()).isInstanceOf(Hello.class);
        out.writeMessage(welcome());
        Message m;
        do {
          m = in.readMessage();
        } while (!(m instanceof StatsReport));
        assertThat(probe.samples.get()).isGreaterThan(15);
      } finally {
        agent.close();
        logger.detachAppender(log);
      }
    }
    assertThat(List.copyOf(log.list))
        .filteredOn(e -> e.getFormattedMessage().contains("The agent's sampling failed"))
        .hasSize(1);
  }
}
