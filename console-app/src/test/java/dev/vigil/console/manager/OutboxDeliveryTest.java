package dev.vigil.console.manager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vigil.agent.Agent;
import dev.vigil.agent.AgentConfig;
import dev.vigil.console.TestAgents;
import dev.vigil.console.manager.api.Operator;
import dev.vigil.protocol.tls.Fingerprint;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Alerts raised while the console is away, across an agent restart, arrive exactly once. */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class OutboxDeliveryTest {
  @TempDir Path dir;

  private static final class SwingingProbe extends TestAgents.SwingingProbe {
    SwingingProbe() {
      super("swinging-host");
    }
  }

  private static AgentConfig config(int port, Path dataDir, String token, Fingerprint console) {
    return config(port, dataDir, token, console, 10_000);
  }

  private static AgentConfig config(
      int port, Path dataDir, String token, Fingerprint console, int outboxLimit) {
    return TestAgents.swingingConfig(
        port, dataDir, Duration.ofMillis(100), token, console, outboxLimit);
  }

  @Test
  void everyAlertRaisedWhileTheConsoleWasDownArrivesExactlyOnce() throws Exception {
    Path consoleDir = dir.resolve("console");
    ConsoleManager first = new ConsoleManager(ManagerConfig.loopbackAnyPort(consoleDir));
    first.start();
    int port = first.info().agentListener().getPort();
    Fingerprint consoleKey = first.info().keyFingerprint().map(Fingerprint::parse).orElseThrow();
    String token = first.enroll(Operator.local(), Duration.ofMinutes(5), 1).token();
    first.close(); // the console goes away before the agent ever reaches it

    UUID id = UUID.randomUUID();
    Path agentDir = dir.resolve("agent");
    SwingingProbe probe = new SwingingProbe();
    Agent before = new Agent(config(port, agentDir, token, consoleKey), id, probe);
    before.start();
    await().atMost(Duration.ofSeconds(20)).until(() -> before.unacknowledgedAlerts().size() >= 10);
    before.close(); // the agent restarts while the console is still down

    SwingingProbe again = new SwingingProbe();
    Agent after = new Agent(config(port, agentDir, token, consoleKey), id, again);
    after.start();
    await().atMost(Duration.ofSeconds(20)).until(() -> after.unacknowledgedAlerts().size() >= 20);
    again.swinging.set(false);
    long stoppedAt = again.samples.get();
    // A few idle samples: a firing alert resolves once, then nothing more is raised.
    await().atMost(Duration.ofSeconds(5)).until(() -> again.samples.get() >= stoppedAt + 3);
    long raised = after.unacknowledgedAlerts().size();
    List<Long> sequences = after.unacknowledgedAlerts().stream().map(a -> a.sequence()).toList();
    assertThat(sequences).first().isEqualTo(1L);

    ConsoleManager back =
        new ConsoleManager(ManagerConfig.loopbackAnyPort(consoleDir).withPorts(port, 0));
    back.start();
    try {
      await()
          .atMost(Duration.ofSeconds(30))
          .ignoreExceptions()
          .untilAsserted(
              () -> {
                assertThat(after.unacknowledgedAlerts()).isEmpty();
                assertThat(back.recentAlerts()).hasSizeGreaterThanOrEqualTo((int) raised);
              });
      List<Long> received =
          back.recentAlerts().stream()
              .filter(e -> e.agentId().equals(id.toString()))
              .map(e -> e.alert().sequence())
              .sorted()
              .toList();
      assertThat(received).doesNotHaveDuplicates().containsAll(sequences);
      assertThat(received.get(0)).isEqualTo(1L);
      assertThat(received)
          .containsExactlyElementsOf(
              java.util.stream.LongStream.rangeClosed(1, received.get(received.size() - 1))
                  .boxed()
                  .toList());
    } finally {
      after.close();
      back.close();
    }
  }

  @Test
  void aFullOutboxDropsTheOldestAndTellsTheConsoleHowMany() throws Exception {
    Path consoleDir = dir.resolve("console");
    ConsoleManager manager = new ConsoleManager(ManagerConfig.loopbackAnyPort(consoleDir));
    manager.start();
    int port = manager.info().agentListener().getPort();
    Fingerprint consoleKey = manager.info().keyFingerprint().map(Fingerprint::parse).orElseThrow();
    String token = manager.enroll(Operator.local(), Duration.ofMinutes(5), 1).token();
    manager.close();

    SwingingProbe probe = new SwingingProbe();
    Agent agent =
        new Agent(
            config(port, dir.resolve("agent"), token, consoleKey, 5), UUID.randomUUID(), probe);
    agent.start();
    ConsoleManager back = null;
    try {
      await().atMost(Duration.ofSeconds(20)).until(() -> probe.samples.get() >= 30);
      probe.swinging.set(false);
      long stoppedAt = probe.samples.get();
      await().atMost(Duration.ofSeconds(5)).until(() -> probe.samples.get() >= stoppedAt + 3);
      assertThat(agent.outbox()).hasSize(5);
      // One report per overflow, not one per second: the outbox settles.
      List<Long> settled =
          agent.outbox().stream().map(dev.vigil.agent.outbox.Outbox::sequenceOf).toList();
      long now = probe.samples.get();
      await().atMost(Duration.ofSeconds(5)).until(() -> probe.samples.get() >= now + 5);
      assertThat(agent.outbox().stream().map(dev.vigil.agent.outbox.Outbox::sequenceOf).toList())
          .isEqualTo(settled);

      back = new ConsoleManager(ManagerConfig.loopbackAnyPort(consoleDir).withPorts(port, 0));
      back.start();
      ConsoleManager console = back;
      await()
          .atMost(Duration.ofSeconds(30))
          .ignoreExceptions()
          .untilAsserted(
              () ->
                  assertThat(console.recentAlerts())
                      .anySatisfy(
                          e -> {
                            assertThat(e.alert().rule()).isEqualTo("agent.outbox");
                            assertThat(e.alert().message())
                                .contains("oldest alerts and results dropped");
                          }));
    } finally {
      agent.close();
      if (back != null) {
        back.close();
      }
    }
  }
}
