package dev.vigil.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.agent.alert.RuleLevels;
import dev.vigil.agent.probe.HostFacts;
import dev.vigil.agent.probe.ProcessSample;
import dev.vigil.agent.probe.SystemProbe;
import dev.vigil.protocol.Protocol;
import dev.vigil.protocol.command.AllowList;
import dev.vigil.protocol.command.Command;
import dev.vigil.protocol.frame.FrameReader;
import dev.vigil.protocol.message.CommandRequest;
import dev.vigil.protocol.message.Inventory;
import dev.vigil.protocol.message.Message;
import dev.vigil.protocol.message.RuleLevel;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a session starts with (the inventory, now with the alert rules' levels), and a stop that
 * races a session's start: the timers are shut down while the session is still opening.
 */
class AgentSessionStartTest {
  @TempDir Path dir;

  /** Holds the first write (the inventory a new session starts with) until released. */
  private static final class GatedStream extends OutputStream {
    final CountDownLatch entered = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final boolean gated;
    private boolean first = true;

    GatedStream(boolean gated) {
      this.gated = gated;
    }

    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      boolean hold;
      synchronized (this) {
        hold = gated && first;
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
      return new HostFacts("session-start", "Test OS");
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

  private Agent agent(Map<String, RuleLevels> rules) throws IOException {
    return agent(rules, dir);
  }

  private static Agent agent(Map<String, RuleLevels> rules, Path dataDir) throws IOException {
    AgentConfig config =
        AgentConfig.dialing("127.0.0.1", 9)
            .dataDir(dataDir)
            .rules(rules)
            .allowList(new AllowList(Set.of(Command.REFRESH), "the test"))
            .dryRun(true)
            .insecure(true)
            .outboxLimit(100)
            .initialConnectDelay(Duration.ofHours(1))
            .cpuBudgetPercent(100)
            .memoryBudgetBytes(1L << 40)
            .build();
    return new Agent(config, UUID.randomUUID(), new QuietProbe());
  }

  @Test
  void theInventoryCarriesTheLevelsOfTheRulesThatAreOn() throws Exception {
    Map<String, RuleLevels> rules = new LinkedHashMap<>();
    rules.put("cpu", RuleLevels.parse("warning 80, critical 90, clear 70, for 30s"));
    rules.put("memory", RuleLevels.parse("critical 95"));
    rules.put("swap", RuleLevels.OFF);
    GatedStream wire = new GatedStream(false);
    try (Agent agent = agent(rules)) {
      agent.sessionOpened(ConsoleSession.overStream(agent.id(), wire, 5));

      Inventory inventory =
          wire.messages().stream()
              .filter(Inventory.class::isInstance)
              .map(Inventory.class::cast)
              .findFirst()
              .orElseThrow();
      assertThat(inventory.alertRules())
          .containsExactly(
              new RuleLevel("cpu", 80.0, 90.0, 70, 30_000),
              new RuleLevel("memory", null, 95.0, 95 * 0.9, 0));
    }
  }

  @Test
  void stoppingWhileASessionOpensThrowsNothingAndLeavesNoTaskBehind() throws Exception {
    Agent agent = agent(Map.of());
    GatedStream wire = new GatedStream(true);
    ConsoleSession session = ConsoleSession.overStream(agent.id(), wire, 5);
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Thread opening =
        Thread.ofPlatform()
            .start(
                () -> {
                  try {
                    agent.sessionOpened(session);
                  } catch (Throwable t) {
                    failure.set(t);
                  }
                });
    try {
      // The session stalls writing its inventory while the agent stops...
      assertThat(wire.entered.await(10, TimeUnit.SECONDS)).isTrue();
      agent.close();
    } finally {
      // ...then the session goes on to ask for its slow probes, on a stopped executor.
      wire.release.countDown();
      opening.join(10_000);
    }
    assertThat(opening.isAlive()).isFalse();
    assertThat(failure.get()).isNull();

    // A command arriving on that session after the stop is not run, and throws nothing either.
    agent.received(session, new CommandRequest("c-1", "refresh", Map.of()));
    assertThat(agent.outbox()).isEmpty();
  }

  @Test
  void startingAndStoppingRepeatedlyThrowsNothing() throws Exception {
    for (int i = 0; i < 20; i++) {
      Agent agent = agent(Map.of(), dir.resolve("round-" + i));
      String commandId = "c-" + i;
      ConsoleSession session = ConsoleSession.overStream(agent.id(), new GatedStream(false), 5);
      AtomicReference<Throwable> failure = new AtomicReference<>();
      Thread opening =
          Thread.ofPlatform()
              .start(
                  () -> {
                    try {
                      agent.sessionOpened(session);
                      agent.received(session, new CommandRequest(commandId, "refresh", Map.of()));
                    } catch (Throwable t) {
                      failure.set(t);
                    }
                  });
      agent.close();
      opening.join(10_000);
      assertThat(failure.get()).as("round %d", i).isNull();
    }
  }
}
