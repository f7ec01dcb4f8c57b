package dev.vigil.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * #16, finding 17: a scheduled task that throws must keep running, and say so at a bounded rate.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class GuardedTaskTest {
  private final List<String> reports = new CopyOnWriteArrayList<>();

  private void report(String task, RuntimeException e, long unreported) {
    reports.add(task + ": " + e.getMessage() + " +" + unreported);
  }

  @Test
  void aThrowingTaskKeepsItsScheduleWhereTheBareTaskWouldBeCancelled() {
    ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    try {
      AtomicInteger bare = new AtomicInteger();
      AtomicInteger guarded = new AtomicInteger();
      timer.scheduleWithFixedDelay(
          () -> {
            bare.incrementAndGet();
            throw new IllegalStateException("injected");
          },
          0,
          2,
          TimeUnit.MILLISECONDS);
      timer.scheduleWithFixedDelay(
          GuardedTask.of(
              "heartbeats",
              () -> {
                guarded.incrementAndGet();
                throw new IllegalStateException("injected");
              },
              this::report),
          0,
          2,
          TimeUnit.MILLISECONDS);
      await().atMost(Duration.ofSeconds(10)).until(() -> guarded.get() >= 50);
      assertThat(bare.get()).as("the executor cancels a task that throws").isEqualTo(1);
      assertThat(reports).containsExactly("heartbeats: injected +0");
    } finally {
      timer.shutdownNow();
    }
  }

  @Test
  void failuresAreReportedAtMostOncePerIntervalWithTheCountInBetween() {
    AtomicLong clock = new AtomicLong();
    AtomicInteger calls = new AtomicInteger();
    GuardedTask task =
        new GuardedTask(
            "sampling",
            () -> {
              if (calls.incrementAndGet() != 3) {
                throw new IllegalStateException("probe down");
              }
            },
            this::report,
            Duration.ofMinutes(1),
            clock::get);
    for (int i = 0; i < 10; i++) {
      task.run();
      clock.addAndGet(Duration.ofSeconds(1).toNanos());
    }
    clock.addAndGet(Duration.ofMinutes(1).toNanos());
    task.run();
    // 11 runs, one of them fine: the first failure reported, 8 held back, then the next report.
    assertThat(reports).containsExactly("sampling: probe down +0", "sampling: probe down +8");
  }
}
