package dev.vigil.agent.link;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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
import dev.vigil.protocol.message.CommandRequest;
import dev.vigil.protocol.message.CommandResult;
import dev.vigil.protocol.message.CommandStatus;
import dev.vigil.protocol.message.Hello;
import dev.vigil.protocol.message.Message;
import dev.vigil.protocol.message.Pending;
import dev.vigil.protocol.message.StatsReport;
import dev.vigil.protocol.tls.PeerCheck;
import dev.vigil.protocol.tls.TlsContexts;
import dev.vigil.protocol.tls.TlsIdentity;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An impostor console, with its own self-signed key, answers an agent that has no pin (#16, finding
 * 4): it must never get a pin written for it before a welcome, and never a command run.
 */
class ImpostorConsoleTest {
  @TempDir Path dir;

  /** A console of the attacker's: TLS with its own key, then whatever the script says. */
  private static final class Impostor implements AutoCloseable {
    final SSLServerSocket server;
    final AtomicInteger accepted = new AtomicInteger();
    final AtomicInteger ended = new AtomicInteger();
    final AtomicInteger handshakes = new AtomicInteger();
    final AtomicInteger hellos = new AtomicInteger();
    final List<Message> received = new CopyOnWriteArrayList<>();
    final Thread thread;

    Impostor(BiConsumer<FrameWriter, FrameReader> script) throws IOException {
      server =
          (SSLServerSocket)
              TlsContexts.create(TlsIdentity.create("impostor"), PeerCheck.ANY)
                  .getServerSocketFactory()
                  .createServerSocket(0, 8, InetAddress.getLoopbackAddress());
      thread =
          Thread.ofPlatform()
              .daemon()
              .start(
                  () -> {
                    while (!server.isClosed()) {
                      SSLSocket accepting;
                      try {
                        accepting = (SSLSocket) server.accept();
                      } catch (IOException closed) {
                        return;
                      }
                      accepted.incrementAndGet();
                      try (SSLSocket s = accepting) {
                        TlsContexts.configure(s);
                        s.setSoTimeout(5_000);
                        s.startHandshake();
                        handshakes.incrementAndGet();
                        FrameReader in =
                            new FrameReader(s.getInputStream(), Protocol.MAX_FRAME_BYTES);
                        FrameWriter out =
                            new FrameWriter(s.getOutputStream(), Protocol.MAX_FRAME_BYTES);
                        if (in.readMessage() instanceof Hello) {
                          hellos.incrementAndGet();
                        }
                        script.accept(out, in);
                        while (true) {
                          received.add(in.readMessage());
                        }
                      } catch (IOException | RuntimeException e) {
                        // the agent hung up, or refused the handshake: the next connection
                      }
                      ended.incrementAndGet();
                    }
                  });
    }

    int port() {
      return server.getLocalPort();
    }

    @Override
    public void close() throws IOException {
      server.close();
    }
  }

  private static final class QuietProbe implements SystemProbe {
    @Override
    public HostFacts facts() {
      return new HostFacts("victim", "Test OS");
    }

    @Override
    public StatsReport sample() {
      return new StatsReport(System.currentTimeMillis(), 5, 1L << 30, 4L << 30, 10);
    }

    @Override
    public List<ProcessSample> topProcesses(int limit) {
      return List.of();
    }
  }

  private Agent agent;

  @AfterEach
  void stop() {
    if (agent != null) {
      agent.close();
    }
  }

  private Agent agentAgainst(Impostor impostor, boolean trustOnFirstUse) throws IOException {
    AgentConfig config =
        AgentConfig.dialing("127.0.0.1", impostor.port())
            .dataDir(dir)
            .rules(Map.of())
            .allowList(new AllowList(Set.of(Command.REFRESH, Command.PROCESSES), "the test"))
            .dryRun(true)
            .trustOnFirstUse(trustOnFirstUse)
            .outboxLimit(100)
            .initialConnectDelay(Duration.ZERO)
            .cpuBudgetPercent(100)
            .memoryBudgetBytes(1L << 40)
            .build();
    agent = new Agent(config, UUID.randomUUID(), new QuietProbe());
    agent.start();
    return agent;
  }

  private static void send(FrameWriter out, Message m) {
    try {
      out.writeMessage(m);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void withoutAPinOrTrustOnFirstUseNoConsoleGetsPastTheHandshake() throws Exception {
    try (Impostor impostor = new Impostor((out, in) -> {})) {
      agentAgainst(impostor, false);
      // The agent dials (and redials with backoff); each handshake is refused by its key check.
      await().atMost(Duration.ofSeconds(10)).until(() -> impostor.ended.get() >= 1);
      assertThat(impostor.handshakes).hasValue(0);
      assertThat(impostor.hellos).hasValue(0);
      assertThat(dir.resolve(ConsolePin.FILE)).doesNotExist();
    }
  }

  @Test
  void aConsoleThatShakesHandsButNeverWelcomesLeavesNoPinAndRunsNothing() throws Exception {
    try (Impostor impostor =
        new Impostor(
            (out, in) -> {
              // Commands before any welcome, then the pending answer a real console gives.
              send(out, new CommandRequest("c-1", "refresh", Map.of()));
            })) {
      agentAgainst(impostor, true);
      // The agent refuses a command before welcome and hangs up.
      await().atMost(Duration.ofSeconds(10)).until(() -> impostor.ended.get() >= 1);
      // At least one hello: the agent may already have redialled (its first backoff wait is
      // uniform from 0 s), which a full verify on a busy machine showed once with 2.
      assertThat(impostor.hellos.get()).isPositive();
      assertThat(dir.resolve(ConsolePin.FILE)).doesNotExist();
      assertThat(impostor.received)
          .noneMatch(m -> m instanceof CommandResult r && r.status() == CommandStatus.SUCCEEDED);
    }
  }

  @Test
  void aPendingAnswerIsNoWelcomeEither() throws Exception {
    try (Impostor impostor =
        new Impostor(
            (out, in) ->
                send(
                    out,
                    new Pending("SHA256:x", "approve me", Protocol.DEFAULT_HEARTBEAT_SECONDS)))) {
      agentAgainst(impostor, true);
      // Before this fix the pin was written at the handshake, before hello was even sent.
      await().atMost(Duration.ofSeconds(10)).until(() -> impostor.hellos.get() >= 1);
      assertThat(dir.resolve(ConsolePin.FILE)).doesNotExist();
    }
  }
}
