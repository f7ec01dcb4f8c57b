package dev.vigil.console.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.vigil.agent.Agent;
import dev.vigil.agent.AgentConfig;
import dev.vigil.console.TestAgents;
import dev.vigil.console.manager.ConsoleManager;
import dev.vigil.console.manager.ManagerConfig;
import dev.vigil.console.manager.api.Operator;
import dev.vigil.protocol.tls.Fingerprint;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The console's data directory stops taking writes, at start or while it runs. Tests run as root
 * here, for whom permissions do not apply, so the directory and its files are made immutable with
 * {@code chattr +i} (skipped where the file system does not support it).
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class StorageFaultTest {
  @TempDir Path dir;
  private final List<Path> frozen = new ArrayList<>();

  /** Makes files unwritable even for root; false where {@code chattr} cannot. */
  private boolean freeze(Path... paths) throws Exception {
    for (Path p : paths) {
      if (!Files.exists(p)) {
        continue;
      }
      Process chattr = new ProcessBuilder("chattr", "+i", p.toString()).start();
      if (!chattr.waitFor(10, TimeUnit.SECONDS) || chattr.exitValue() != 0) {
        return false;
      }
      frozen.add(p);
    }
    return true;
  }

  @AfterEach
  void thaw() throws Exception {
    for (Path p : frozen) {
      new ProcessBuilder("chattr", "-i", p.toString()).start().waitFor(10, TimeUnit.SECONDS);
    }
    frozen.clear();
  }

  private static boolean chattrWorks(Path dir) {
    try {
      Process p = new ProcessBuilder("chattr", "-i", dir.toString()).start();
      return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException | InterruptedException e) {
      return false;
    }
  }

  @Test
  void aDataDirectoryThatTakesNoWritesStopsTheStartWithASentence() throws Exception {
    Path data = dir.resolve("console");
    Files.createDirectories(data);
    assumeTrue(chattrWorks(data) && freeze(data), "chattr +i is not available here");
    ConsoleManager manager = new ConsoleManager(ManagerConfig.loopbackAnyPort(data));
    assertThatThrownBy(manager::start)
        .hasMessageContaining("cannot write to the data directory " + data)
        .hasMessageContaining("make it writable for this user, or choose another with --data-dir");
  }

  @Test
  void whileTheStoreTakesNoWritesAlertsWaitOnTheAgentAndArriveOnceItDoes() throws Exception {
    Path data = dir.resolve("console");
    try (ConsoleManager manager = new ConsoleManager(ManagerConfig.loopbackAnyPort(data))) {
      manager.start();
      assumeTrue(chattrWorks(data), "chattr is not available here");
      String token = manager.enroll(Operator.local(), Duration.ofMinutes(5), 1).token();
      TestAgents.SwingingProbe probe = new TestAgents.SwingingProbe("disk-trouble");
      AgentConfig config =
          TestAgents.swingingConfig(
              manager.info().agentListener().getPort(),
              dir.resolve("agent"),
              Duration.ofMillis(100),
              token,
              manager.info().keyFingerprint().map(Fingerprint::parse).orElseThrow(),
              10_000);
      try (Agent agent = new Agent(config, UUID.randomUUID(), probe)) {
        agent.start();
        String id = agent.id().toString();
        await().atMost(Duration.ofSeconds(20)).until(() -> manager.store().alertCount(id) >= 3);

        // The disk "fills": the store's database, its write-ahead log and the directory take no
        // more writes. (Not the shared-memory index SQLite maps into memory: a mapping that
        // cannot grow ends the process with SIGBUS, which no Java code can catch.)
        try (Stream<Path> files = Files.list(data)) {
          Path[] targets =
              Stream.concat(
                      files.filter(p -> !p.getFileName().toString().endsWith("-shm")),
                      Stream.of(data))
                  .toArray(Path[]::new);
          assertThat(freeze(targets)).isTrue();
        }
        long before = manager.store().alertCount(id);
        await()
            .atMost(Duration.ofSeconds(30))
            .until(() -> agent.unacknowledgedAlerts().size() >= 10);
        assertThat(manager.store().alertCount(id)).isEqualTo(before);

        thaw(); // space again
        probe.swinging.set(false);
        long stoppedAt = probe.samples.get();
        await().atMost(Duration.ofSeconds(10)).until(() -> probe.samples.get() >= stoppedAt + 3);
        await().atMost(Duration.ofSeconds(60)).until(() -> agent.unacknowledgedAlerts().isEmpty());
        long raised = agent.lastSequence();
        List<Long> stored = TestAgents.storedSequences(manager.store(), id);
        assertThat(stored)
            .containsExactlyElementsOf(LongStream.rangeClosed(1, raised).boxed().toList());
      }
    }
  }
}
