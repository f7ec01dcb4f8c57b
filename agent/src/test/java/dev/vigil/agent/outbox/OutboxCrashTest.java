package dev.vigil.agent.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.protocol.message.AlertReport;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Kills a process that is writing the outbox, with SIGKILL, and checks what it left. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class OutboxCrashTest {
  @TempDir Path dir;

  /** The child: appends alerts as fast as it can, printing each sequence once it is durable. */
  public static void main(String[] args) throws Exception {
    Outbox outbox = new Outbox(Path.of(args[0]), 1_000_000);
    while (true) {
      AlertReport alert = outbox.append(OutboxTest::alert);
      System.out.println(alert.sequence());
      System.out.flush();
      if (alert.sequence() % 3 == 0) {
        outbox.acknowledge(alert.sequence() - 1);
      }
    }
  }

  @Test
  void everyAlertReportedDurableSurvivesAKillDashNine() throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process child =
        new ProcessBuilder(
                java,
                "-cp",
                System.getProperty("java.class.path"),
                OutboxCrashTest.class.getName(),
                dir.toString())
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    List<Long> durable = new ArrayList<>();
    try (BufferedReader out =
        new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while (durable.size() < 300 && (line = out.readLine()) != null) {
        durable.add(Long.parseLong(line.trim()));
      }
      child.destroyForcibly(); // SIGKILL, in the middle of a write
      child.waitFor(10, TimeUnit.SECONDS);
    } finally {
      child.destroyForcibly();
    }
    assertThat(durable).hasSize(300);

    Outbox reopened = new Outbox(dir, 1_000_000);
    List<Long> kept = reopened.pending().stream().map(Outbox::sequenceOf).toList();
    for (long seq : durable) {
      boolean acknowledged = seq % 3 == 2;
      if (!acknowledged) {
        assertThat(kept).as("alert %d was durable before the kill", seq).contains(seq);
      }
    }
    assertThat(kept).isSorted().doesNotHaveDuplicates();
    long next = reopened.append(OutboxTest::alert).sequence();
    assertThat(next).isGreaterThan(durable.get(durable.size() - 1));
  }
}
