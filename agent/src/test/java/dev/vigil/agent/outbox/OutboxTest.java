package dev.vigil.agent.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.protocol.message.AlertReport;
import dev.vigil.protocol.message.AlertState;
import dev.vigil.protocol.message.CommandResult;
import dev.vigil.protocol.message.CommandStatus;
import dev.vigil.protocol.message.Severity;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutboxTest {
  @TempDir Path dir;

  static AlertReport alert(long seq) {
    return new AlertReport(
        seq, "cpu", Severity.CRITICAL, AlertState.FIRING, 99, 90, 1_000 + seq, "hot " + seq);
  }

  @Test
  void alertsSurviveARestartUntilAcknowledged() throws Exception {
    Outbox first = new Outbox(dir, 100);
    for (int i = 0; i < 5; i++) {
      first.append(OutboxTest::alert);
    }
    first.acknowledge(2);

    Outbox reopened = new Outbox(dir, 100);
    assertThat(reopened.pending()).extracting(Outbox::sequenceOf).containsExactly(1L, 3L, 4L, 5L);
    assertThat(((AlertReport) reopened.pending().get(0)).raisedAtMillis()).isEqualTo(1_001);
    assertThat(reopened.append(OutboxTest::alert).sequence()).isEqualTo(6);
  }

  @Test
  void sequencesNeverRepeatEvenWhenEverythingWasAcknowledged() throws Exception {
    Outbox first = new Outbox(dir, 100);
    first.append(OutboxTest::alert);
    first.append(OutboxTest::alert);
    first.acknowledge(1);
    first.acknowledge(2);
    assertThat(new Outbox(dir, 100).append(OutboxTest::alert).sequence()).isEqualTo(3);
  }

  @Test
  void commandResultsShareTheQueueAndItsSequence() throws Exception {
    Outbox outbox = new Outbox(dir, 100);
    outbox.append(OutboxTest::alert);
    outbox.append(seq -> new CommandResult(seq, "c-1", CommandStatus.SUCCEEDED, "ran"));
    assertThat(new Outbox(dir, 100).pending())
        .extracting(Outbox::sequenceOf)
        .containsExactly(1L, 2L);
    assertThat(new Outbox(dir, 100).pending().get(1)).isInstanceOf(CommandResult.class);
  }

  @Test
  void whenFullTheOldestAreDroppedAndCounted() throws Exception {
    Outbox small = new Outbox(dir, 3);
    for (int i = 0; i < 5; i++) {
      small.append(OutboxTest::alert);
    }
    assertThat(small.pending()).extracting(Outbox::sequenceOf).containsExactly(3L, 4L, 5L);
    assertThat(small.dropped()).isEqualTo(2);
    assertThat(new Outbox(dir, 3).pending()).hasSize(3);
  }

  @Test
  void aWriteInterruptedBeforeItsMoveIsDiscardedAndADamagedEntryMovedAside() throws Exception {
    Outbox first = new Outbox(dir, 10);
    first.append(OutboxTest::alert);
    Files.writeString(dir.resolve("outbox").resolve("00000000000000000002.msg.tmp"), "{\"type\":");
    Files.writeString(dir.resolve("outbox").resolve("00000000000000000003.msg"), "garbage");
    Outbox reopened = new Outbox(dir, 10);
    assertThat(reopened.pending()).extracting(Outbox::sequenceOf).containsExactly(1L);
    assertThat(dir.resolve("outbox").resolve("00000000000000000002.msg.tmp")).doesNotExist();
    assertThat(dir.resolve("outbox").resolve("00000000000000000003.msg.damaged")).exists();
  }
}
