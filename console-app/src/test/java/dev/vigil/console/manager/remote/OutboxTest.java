package dev.vigil.console.manager.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.google.gson.JsonObject;
import dev.vigil.console.manager.api.AgentSnapshot;
import dev.vigil.console.manager.api.AgentStatus;
import dev.vigil.console.manager.api.AlertEvent;
import dev.vigil.console.manager.api.Problem;
import dev.vigil.console.manager.api.wire.CompressedFrames;
import dev.vigil.console.manager.api.wire.OperatorWire;
import dev.vigil.console.manager.api.wire.RecordPatch;
import dev.vigil.protocol.frame.FrameReader;
import dev.vigil.protocol.frame.FrameWriter;
import dev.vigil.protocol.message.StatsReport;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Test;

/** One session's outbox: a snapshot before the events, agents coalesced, a slow console dropped. */
class OutboxTest {
  private static AgentSnapshot agent(String id, long seen) {
    return new AgentSnapshot(
        id, "host-" + id, "Linux", "10.0.0.1:1", AgentStatus.ONLINE, List.of(), null, seen, "");
  }

  private static Outbox.SnapshotSource source(List<AgentSnapshot> agents) {
    return new Outbox.SnapshotSource() {
      @Override
      public List<AgentSnapshot> agents() {
        return agents;
      }

      @Override
      public List<Problem> problems() {
        return List.of();
      }

      @Override
      public List<AlertEvent> alerts() {
        return List.of();
      }
    };
  }

  private static List<JsonObject> frames(byte[] written) throws IOException {
    FrameReader reader = new FrameReader(new ByteArrayInputStream(written), 1 << 24);
    List<JsonObject> frames = new ArrayList<>();
    try {
      while (true) {
        frames.add(OperatorWire.decode(reader.readFrame()));
      }
    } catch (java.io.EOFException end) {
      return frames;
    }
  }

  @Test
  void agentChangesAreCoalescedToTheNewestPerAgentAndNumberedAfterTheSnapshot() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Outbox outbox = new Outbox(new FrameWriter(out, 1 << 24), why -> {}, new LongAdder());
    outbox.subscribe(() -> {}, source(List.of(agent("a", 1))), false, false);
    for (int i = 0; i < 1000; i++) {
      outbox.agentChanged(agent(i % 2 == 0 ? "a" : "b", i));
    }
    outbox.agentRemoved("c");
    outbox.flushAgents(10_000);
    outbox.close();
    outbox.drain();

    List<JsonObject> frames = frames(out.toByteArray());
    assertThat(frames)
        .extracting(OperatorWire::type)
        .containsExactly(OperatorWire.SNAPSHOT, OperatorWire.EVENT, OperatorWire.EVENT);
    assertThat(frames.get(0).get("sequence").getAsLong()).isZero();
    assertThat(frames.get(1).get("kind").getAsString()).isEqualTo("agentRemoved");
    assertThat(frames.get(1).get("sequence").getAsLong()).isEqualTo(1);
    JsonObject agents = frames.get(2);
    assertThat(agents.get("kind").getAsString()).isEqualTo("agents");
    assertThat(agents.get("sequence").getAsLong()).isEqualTo(2);
    assertThat(agents.getAsJsonArray("value")).hasSize(2);
    assertThat(
            agents
                .getAsJsonArray("value")
                .get(0)
                .getAsJsonObject()
                .get("lastSeenMillis")
                .getAsLong())
        .isEqualTo(998);
    assertThat(
            agents
                .getAsJsonArray("value")
                .get(1)
                .getAsJsonObject()
                .get("lastSeenMillis")
                .getAsLong())
        .isEqualTo(999);
  }

  @Test
  void aConsoleThatFallsTooFarBehindIsDroppedWithASentence() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    OutputStream stuck =
        new OutputStream() {
          @Override
          public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
          }

          @Override
          public void write(byte[] b, int off, int len) throws IOException {
            try {
              release.await();
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
            throw new IOException("gone");
          }
        };
    AtomicReference<String> dropped = new AtomicReference<>();
    Outbox outbox = new Outbox(new FrameWriter(stuck, 1 << 24), dropped::set, new LongAdder());
    Thread writer = Thread.ofVirtual().start(outbox::drain);
    outbox.subscribe(() -> {}, source(List.of()), false, false);
    JsonObject big = OperatorWire.frame(OperatorWire.PONG);
    big.addProperty("padding", "x".repeat(64 * 1024));
    for (int i = 0; i < 400 && dropped.get() == null; i++) {
      outbox.send(big);
    }

    assertThat(dropped.get()).contains("fell more than 16 MiB behind");
    assertThat(outbox.queuedBytes()).isLessThanOrEqualTo(Outbox.MAX_QUEUED_BYTES);
    release.countDown();
    outbox.close();
    writer.join(Duration.ofSeconds(5));
    await().until(() -> !writer.isAlive());
  }

  private static AgentSnapshot reporting(String id, long seen, double cpu) {
    StatsReport stats = StatsReport.builder(seen, cpu, 2_000_000_000L, 8_000_000_000L, 120).build();
    return new AgentSnapshot(
        id, "host-" + id, "Linux", "10.0.0.1:1", AgentStatus.ONLINE, List.of(), stats, seen, "");
  }

  @Test
  void withPatchesAndCompressionAnAgentCostsWhatChangedAndTheConsoleRebuildsItExactly()
      throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    LongAdder written = new LongAdder();
    Outbox outbox = new Outbox(new FrameWriter(out, 1 << 24), why -> {}, written);
    AgentSnapshot a0 = reporting("a", 1_000, 10.0);
    outbox.subscribe(() -> {}, source(List.of(a0)), true, true);
    AgentSnapshot a1 = reporting("a", 2_000, 55.5);
    AgentSnapshot b0 = reporting("b", 2_000, 1.0);
    outbox.agentChanged(a1);
    outbox.agentChanged(b0);
    outbox.flushAgents(10_000);
    outbox.agentChanged(a1); // unchanged since it was sent: nothing to send
    outbox.flushAgents(11_000);
    outbox.close();
    outbox.drain();

    FrameReader reader = new FrameReader(new ByteArrayInputStream(out.toByteArray()), 1 << 24);
    CompressedFrames.Decompressor inflate = new CompressedFrames.Decompressor(1 << 24);
    byte[] first = reader.readFrame();
    byte[] second = reader.readFrame();
    assertThat(CompressedFrames.compressed(first)).isTrue();
    assertThat(CompressedFrames.compressed(second)).isTrue();
    JsonObject snapshot = OperatorWire.decode(inflate.decompress(first));
    JsonObject event = OperatorWire.decode(inflate.decompress(second));
    assertThat(OperatorWire.type(snapshot)).isEqualTo(OperatorWire.SNAPSHOT);
    assertThat(event.get("kind").getAsString()).isEqualTo("agentPatches");
    assertThatThrownBy(reader::readFrame).isInstanceOf(java.io.EOFException.class);

    var entries = event.getAsJsonArray("value");
    assertThat(entries).hasSize(2);
    // a is known by its place in the snapshot; b, new, by its id and the next number.
    assertThat(entries.get(0).getAsJsonObject().keySet()).containsExactly("n", "patch");
    assertThat(entries.get(0).getAsJsonObject().get("n").getAsInt()).isZero();
    assertThat(entries.get(1).getAsJsonObject().get("agentId").getAsString()).isEqualTo("b");
    assertThat(entries.get(1).getAsJsonObject().get("n").getAsInt()).isEqualTo(1);
    JsonObject patchOfA = entries.get(0).getAsJsonObject().getAsJsonObject("patch");
    assertThat(patchOfA.keySet()).containsExactlyInAnyOrder("stats", "lastSeenMillis");
    assertThat(patchOfA.getAsJsonObject("stats").keySet())
        .containsExactlyInAnyOrder("sampledAtMillis", "cpuPercent");
    assertThat(RecordPatch.apply(a0, patchOfA, "agent")).isEqualTo(a1);
    JsonObject fullOfB = entries.get(1).getAsJsonObject().getAsJsonObject("full");
    AgentSnapshot b = OperatorWire.value(fullOfB, AgentSnapshot.class, "agent");
    assertThat(b).isEqualTo(b0);
    assertThat(written.sum()).isEqualTo(out.size());
  }

  @Test
  void anAgentIsSentAtMostOncePerSpacingAndAChangeWaitsOnlyUntilItIsOver() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Outbox outbox = new Outbox(new FrameWriter(out, 1 << 24), why -> {}, new LongAdder());
    outbox.subscribe(() -> {}, source(List.of()), false, false);
    outbox.agentChanged(agent("a", 1));
    outbox.flushAgents(10_000); // new to this console: sent at once
    outbox.agentChanged(agent("a", 2));
    outbox.agentChanged(agent("b", 2));
    outbox.flushAgents(10_250); // b at once; a was sent 250 ms ago and waits
    outbox.flushAgents(10_500); // 500 ms: a still waits
    outbox.flushAgents(10_750); // 750 ms: past the 700 ms spacing, a goes
    outbox.close();
    outbox.drain();

    List<JsonObject> frames = frames(out.toByteArray());
    assertThat(frames).hasSize(4);
    assertThat(frames.subList(1, 4))
        .extracting(
            f ->
                f.getAsJsonArray("value").asList().stream()
                    .map(
                        e ->
                            e.getAsJsonObject().get("agentId").getAsString()
                                + "@"
                                + e.getAsJsonObject().get("lastSeenMillis").getAsLong())
                    .toList())
        .containsExactly(List.of("a@1"), List.of("b@2"), List.of("a@2"));
  }

  @Test
  void anAgentReportingOnceASecondIsSentAtTheFirstFlushAfterEachReport() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Outbox outbox = new Outbox(new FrameWriter(out, 1 << 24), why -> {}, new LongAdder());
    outbox.subscribe(() -> {}, source(List.of()), false, false);
    // Reports a second apart (with a little jitter), the first just before a flush and the next
    // just after one: the flushes that carry them are 750 ms and 1,250 ms apart.
    outbox.agentChanged(agent("a", 1)); // at 9,999
    outbox.flushAgents(10_000);
    outbox.flushAgents(10_250);
    outbox.flushAgents(10_500);
    outbox.agentChanged(agent("a", 2)); // at 10,502
    outbox.flushAgents(10_750); // sent 750 ms after the last: at once, not a flush later
    outbox.flushAgents(11_000);
    outbox.flushAgents(11_250);
    outbox.flushAgents(11_500);
    outbox.agentChanged(agent("a", 3)); // at 11,501
    outbox.flushAgents(11_750);
    outbox.close();
    outbox.drain();

    List<JsonObject> frames = frames(out.toByteArray());
    assertThat(frames.subList(1, frames.size()))
        .extracting(
            f ->
                f.getAsJsonArray("value").asList().stream()
                    .map(e -> e.getAsJsonObject().get("lastSeenMillis").getAsLong())
                    .toList())
        .containsExactly(List.of(1L), List.of(2L), List.of(3L));
  }
}
