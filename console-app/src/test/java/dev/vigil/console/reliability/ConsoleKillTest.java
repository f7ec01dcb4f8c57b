package dev.vigil.console.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.gson.JsonObject;
import dev.vigil.agent.Agent;
import dev.vigil.console.TestAgents;
import dev.vigil.console.manager.store.ConsoleStore;
import dev.vigil.protocol.tls.Fingerprint;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The console is killed with SIGKILL while agents raise alerts as fast as their rules allow, then
 * restarted on the same ports and data directory: afterwards every alert each agent raised is in
 * the console's store exactly once. CI runs 30 agents; {@code -Dvigil.reliability.agents=100} gives
 * the documented run.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class ConsoleKillTest {
  private static final int AGENTS = Integer.getInteger("vigil.reliability.agents", 30);

  /** How often each agent samples; its CPU swings every sample, so it alerts every other one. */
  private static final int SAMPLE_MILLIS = Integer.getInteger("vigil.reliability.sample-ms", 100);

  @TempDir Path dir;
  private final List<Process> consoles = new ArrayList<>();
  private final List<Agent> agents = new ArrayList<>();
  private final java.util.Queue<String> log = new java.util.concurrent.ConcurrentLinkedQueue<>();

  @AfterEach
  void cleanUp() throws IOException {
    // What the consoles said, for whoever investigates a failure.
    Files.createDirectories(Path.of("target"));
    Files.write(Path.of("target", "console-kill-test.log"), log);
    agents.forEach(Agent::close);
    consoles.forEach(Process::destroyForcibly);
  }

  private ConsoleProcess console(int tcp, int udp) throws IOException {
    ConsoleProcess c = new ConsoleProcess(dir, log, tcp, udp);
    consoles.add(c.process);
    return c;
  }

  private Properties ports() throws IOException {
    Properties p = new Properties();
    try (var in = Files.newBufferedReader(dir.resolve("ports"))) {
      p.load(in);
    }
    return p;
  }

  private long raised() {
    return agents.stream().mapToLong(Agent::lastSequence).sum();
  }

  @Test
  void afterAKillNineEveryAlertRaisedIsStoredExactlyOnce() throws Exception {
    ConsoleProcess first = console(0, 0);
    await().atMost(Duration.ofSeconds(60)).until(() -> Files.exists(dir.resolve("ports")));
    Properties ports = ports();
    int tcp = Integer.parseInt(ports.getProperty("tcp"));
    int udp = Integer.parseInt(ports.getProperty("udp"));
    Fingerprint consoleKey = Fingerprint.parse(ports.getProperty("fingerprint"));
    JsonObject token = first.ask("token " + AGENTS + " 1");
    String secret = token.getAsJsonObject("data").get("token").getAsString();

    List<TestAgents.SwingingProbe> probes = new ArrayList<>();
    for (int i = 0; i < AGENTS; i++) {
      TestAgents.SwingingProbe probe = new TestAgents.SwingingProbe("busy-" + i);
      probes.add(probe);
      Agent agent =
          new Agent(
              TestAgents.swingingConfig(
                  tcp,
                  dir.resolve("agent-" + i),
                  Duration.ofMillis(SAMPLE_MILLIS),
                  secret,
                  consoleKey,
                  100_000),
              UUID.randomUUID(),
              probe);
      agents.add(agent);
      agent.start();
    }
    await().atMost(Duration.ofSeconds(60)).until(() -> agents.stream().allMatch(Agent::connected));
    long flowing = raised();
    await().atMost(Duration.ofSeconds(30)).until(() -> raised() >= flowing + 5L * AGENTS);

    first.process.destroyForcibly(); // SIGKILL: no shutdown hook, no flush, no goodbye
    assertThat(first.process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    long atKill = raised();
    // Alerts keep coming while the console is down; they wait in the agents' outboxes.
    await().atMost(Duration.ofSeconds(30)).until(() -> raised() >= atKill + 5L * AGENTS);

    ConsoleProcess second = console(tcp, udp);
    await().atMost(Duration.ofSeconds(90)).until(() -> agents.stream().allMatch(Agent::connected));
    probes.forEach(p -> p.swinging.set(false));
    long[] stoppedAt = probes.stream().mapToLong(p -> p.samples.get()).toArray();
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> {
              for (int i = 0; i < probes.size(); i++) {
                if (probes.get(i).samples.get() < stoppedAt[i] + 3) {
                  return false;
                }
              }
              return true;
            });
    await()
        .atMost(Duration.ofSeconds(150L * Math.max(1, AGENTS / 30)))
        .untilAsserted(
            () ->
                assertThat(agents.stream().mapToLong(a -> a.unacknowledgedAlerts().size()).sum())
                    .as("alerts still waiting in the agents' outboxes")
                    .isZero());
    long total = raised();
    List<long[]> expected = new ArrayList<>();
    for (Agent a : agents) {
      expected.add(new long[] {a.lastSequence()});
    }
    List<String> ids = agents.stream().map(a -> a.id().toString()).toList();
    agents.forEach(Agent::close);
    agents.clear();
    second.ask("quit");
    assertThat(second.process.waitFor(30, TimeUnit.SECONDS)).isTrue();

    long stored = 0;
    try (ConsoleStore store = new ConsoleStore(dir.resolve("console"))) {
      for (int i = 0; i < ids.size(); i++) {
        List<Long> sequences = TestAgents.storedSequences(store, ids.get(i));
        assertThat(sequences)
            .as("alerts of agent %d in the store", i)
            .containsExactlyElementsOf(
                LongStream.rangeClosed(1, expected.get(i)[0]).boxed().toList());
        stored += sequences.size();
      }
    }
    assertThat(stored).isEqualTo(total);
    System.out.printf(
        "kill -9 under load: %d agents raised %d alerts (%d after the kill);"
            + " %d stored, none lost, none twice%n",
        AGENTS, total, total - atKill, stored);
  }
}
