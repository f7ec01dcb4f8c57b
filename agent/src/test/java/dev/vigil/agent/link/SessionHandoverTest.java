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
import dev.vigil.protocol.message.CommandRequest;
import dev.vigil.protocol.message.CommandResult;
import dev.vigil.protocol.message.CommandStatus;
import dev.vigil.protocol.message.Message;
import dev.vigil.protocol.message.StatsReport;
import dev.vigil.protocol.session.ConsoleSession;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the agent writes to its outbox while a session is opening reaches that session: either in
 * the re-send of pending entries or live, never neither (ConsoleKillTest found the gap).
 */
class SessionHandoverTest {
  @TempDir Path dir;

  /** Holds the first write (the inventory a new session starts with) until released. */
  private static final class GatedStream extends OutputStream {
    final CountDownLatch entered = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private boolean first = true;

    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      boolean hold;
      synchronized (this) {
        hold = first;
        first = false;
      }
      if (hold) {
        entered.countDown();
        try {
          release.await();
        } catch (InterruptedException e) {
          throw new InterruptedIOException();
        }
      }
      synchronized (this) {
        bytes.write(b, off, len);
      }
    }

    synchronized List<Message> messages() throws IOException {
      FrameReader in =
          new FrameReader(new ByteArrayInputStream(bytes.toByteArray()), Protocol.MAX_FRAME_BYTES);
      List<Message> all = new ArrayList<>();
      try {
        while (true) {
          all.add(in.readMessage());
        }
      } catch (EOFException end) {
        return all;
      }
    }
  }

  private static final class QuietProbe implements SystemProbe {
    @Override
    public HostFacts facts() {
      return new HostFacts("handover", "Test OS");
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

  @Test
  void aCommandResultWrittenWhileTheSessionOpensIsSentOnIt() throws Exception {
    AgentConfig config =
        AgentConfig.dialing("127.0.0.1", 9)
            .dataDir(dir)
            .rules(Map.of())
            .allowList(new AllowList(Set.of(Command.REFRESH), "the test"))
            .dryRun(true)
            .insecure(true)
            .outboxLimit(100)
            .initialConnectDelay(Duration.ZERO)
            .cpuBudgetPercent(100)
            .memoryBudgetBytes(1L << 40)
            .build();
    UUID id = UUID.randomUUID();
    Agent agent = new Agent(config, id, new QuietProbe());
    GatedStream wire = new GatedStream();
    ConsoleSession session = ConsoleSession.overStream(id, wire, 5);
    try {
      // The session opens and stalls writing its first frame...
      Thread opening = Thread.ofPlatform().start(() -> agent.sessionOpened(session));
      assertThat(wire.entered.await(10, TimeUnit.SECONDS)).isTrue();
      // ...while a command arrives and its first result is written to the outbox.
      agent.received(session, new CommandRequest("c-1", "refresh", Map.of()));
      await()
          .atMost(Duration.ofSeconds(10))
          .until(
              () ->
                  agent.outbox().stream()
                      .anyMatch(
                          m ->
                              m instanceof CommandResult r
                                  && r.status() == CommandStatus.ACCEPTED));
      wire.release.countDown();
      opening.join(10_000);

      await()
          .atMost(Duration.ofSeconds(10))
          .ignoreExceptions()
          .untilAsserted(
              () ->
                  assertThat(wire.messages())
                      .filteredOn(CommandResult.class::isInstance)
                      .extracting(m -> ((CommandResult) m).status())
                      .contains(CommandStatus.ACCEPTED, CommandStatus.SUCCEEDED));
    } finally {
      wire.release.countDown();
      agent.close();
    }
  }
}
