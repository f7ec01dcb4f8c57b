package dev.vigil.swarm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vigil.console.manager.ConsoleManager;
import dev.vigil.console.manager.ManagerConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CI-sized soak: a thousand simulated agents at 1 Hz against an in-process console for two
 * minutes, sampled every ten seconds; no session drops, no backlog builds, and the retained heap
 * and the platform threads at the end hold what they held at the start.
 *
 * <p>The hour-long run is {@code bench/soak.sh}; {@code -Dvigil.soak.agents} and {@code
 * -Dvigil.soak.seconds} size this one. Samples go to {@code target/soak-smoke.csv}.
 */
class SoakSmokeTest {
  private static final int AGENTS = Integer.getInteger("vigil.soak.agents", 1000);
  private static final int SECONDS = Integer.getInteger("vigil.soak.seconds", 120);
  private static final int SAMPLE_SECONDS = 10;

  @TempDir Path dir;

  /** One sample of the run. */
  private record Sample(
      int second,
      long heapAfterGc,
      int platformThreads,
      long consoleOnline,
      long swarmOnline,
      long sessions,
      long backlog) {
    String csv() {
      return String.format(
          "%d,%.1f,%d,%d,%d,%d,%d",
          second,
          heapAfterGc / 1048576.0,
          platformThreads,
          consoleOnline,
          swarmOnline,
          sessions,
          backlog);
    }
  }

  @Test
  void aThousandAgentsForTwoMinutesLeaveHeapAndThreadsFlat() throws Exception {
    AtomicLong received = new AtomicLong();
    List<Sample> samples = new ArrayList<>();
    try (ConsoleManager manager =
        new ConsoleManager(ManagerConfig.loopbackAnyPort(dir.resolve("console")))) {
      manager.start();
      SwarmTests.onReport(manager, id -> received.incrementAndGet());
      SwarmConfig config = SwarmTests.swarmFor(manager, AGENTS, Duration.ofSeconds(60), 200);
      try (Swarm swarm = new Swarm(config, IdentityCache.fresh(AGENTS), System.err)) {
        swarm.start();
        await()
            .atMost(Duration.ofSeconds(120))
            .until(
                () -> SwarmTests.online(manager) == AGENTS && swarm.counters().online() == AGENTS);

        long start = System.nanoTime();
        for (int second = 0; second <= SECONDS; second += SAMPLE_SECONDS) {
          long due = start + TimeUnit.SECONDS.toNanos(second);
          long wait = due - System.nanoTime();
          if (wait > 0) {
            TimeUnit.NANOSECONDS.sleep(wait); // pacing the samples, not waiting for a result
          }
          samples.add(
              new Sample(
                  second,
                  SwarmTests.heapAfterGc(),
                  platformThreadsBesidesCarriers(),
                  SwarmTests.online(manager),
                  swarm.counters().online(),
                  swarm.counters().sessions(),
                  swarm.counters().statsSent() - received.get()));
        }
        assertThat(manager.info().datagrams().dropped()).isZero();
        assertThat(swarm.counters().acksReceived()).isPositive();
      }
    } finally {
      writeCsv(samples);
    }

    // Every session held through the run: nobody dropped and came back.
    assertThat(samples)
        .allSatisfy(
            s -> {
              assertThat(s.consoleOnline())
                  .as("console online at %ds", s.second())
                  .isEqualTo(AGENTS);
              assertThat(s.swarmOnline()).as("swarm online at %ds", s.second()).isEqualTo(AGENTS);
              assertThat(s.sessions()).as("sessions at %ds", s.second()).isEqualTo(AGENTS);
              // Reports in flight stay within a few per agent: nothing queues up.
              assertThat(s.backlog()).as("backlog at %ds", s.second()).isLessThan(3L * AGENTS);
            });
    // Flat: the last third of the run retains what the first third did, give or take the noise of
    // collections and of buffers that reach their working size.
    int third = Math.max(1, samples.size() / 3);
    List<Sample> first = samples.subList(0, third);
    List<Sample> last = samples.subList(samples.size() - third, samples.size());
    long firstHeap = first.stream().mapToLong(Sample::heapAfterGc).max().orElseThrow();
    long lastHeap = last.stream().mapToLong(Sample::heapAfterGc).max().orElseThrow();
    assertThat(lastHeap)
        .as("retained heap, last third vs first third")
        .isLessThan(firstHeap * 5 / 4 + (16L << 20));
    int firstThreads = first.stream().mapToInt(Sample::platformThreads).max().orElseThrow();
    int lastThreads = last.stream().mapToInt(Sample::platformThreads).max().orElseThrow();
    assertThat(lastThreads)
        .as("platform threads, last third vs first third")
        .isLessThanOrEqualTo(firstThreads + 4);
  }

  /**
   * Platform threads other than the virtual-thread carriers, which the JDK adds for a while when
   * sessions block in native code (SQLite) and retires on its own: a leak of threads per session or
   * per agent shows here, their normal coming and going does not.
   */
  private static int platformThreadsBesidesCarriers() {
    return (int)
        Thread.getAllStackTraces().keySet().stream()
            .filter(t -> !t.getName().startsWith("ForkJoinPool"))
            .count();
  }

  private static void writeCsv(List<Sample> samples) throws IOException {
    List<String> lines = new ArrayList<>();
    lines.add(
        "second,heap_after_gc_mb,platform_threads,console_online,swarm_online,sessions,backlog");
    samples.forEach(s -> lines.add(s.csv()));
    Files.createDirectories(Path.of("target"));
    Files.write(Path.of("target", "soak-smoke.csv"), lines);
  }
}
