package dev.vigil.console.manager.api.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.vigil.console.manager.api.AgentSnapshot;
import dev.vigil.console.manager.api.AgentStatus;
import dev.vigil.protocol.frame.ProtocolException;
import dev.vigil.protocol.message.CheckMetric;
import dev.vigil.protocol.message.CheckResult;
import dev.vigil.protocol.message.CheckStatus;
import dev.vigil.protocol.message.InterfaceRate;
import dev.vigil.protocol.message.StatsReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Patches of an agent's snapshot: only what changed, and applied they give the newer one. */
class RecordPatchTest {
  private static StatsReport stats(Random r, long at) {
    List<Double> cores = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      cores.add(r.nextInt(3) == 0 ? 50.0 : r.nextDouble(100));
    }
    return StatsReport.builder(
            at, r.nextDouble(100), r.nextLong(1L << 33), 1L << 33, r.nextInt(900))
        .cpuPerCore(cores)
        .loadAverage(List.of(r.nextDouble(4), 1.0, 0.5))
        .memoryAvailable(r.nextBoolean() ? 1L << 32 : r.nextLong(1L << 33))
        .threads(r.nextInt(3000))
        .disk(r.nextDouble(1e6), r.nextBoolean() ? 0 : r.nextDouble(1e6))
        .network(List.of(new InterfaceRate("eth0", r.nextDouble(1e7), r.nextDouble(1e7))))
        .agent(r.nextDouble(), 60_000_000)
        .build();
  }

  private static AgentSnapshot snapshot(Random r, long at) {
    AgentStatus status = AgentStatus.values()[r.nextInt(AgentStatus.values().length)];
    List<CheckResult> checks =
        r.nextBoolean()
            ? List.of()
            : List.of(
                new CheckResult(
                    "web",
                    "http",
                    r.nextBoolean() ? CheckStatus.OK : CheckStatus.CRITICAL,
                    r.nextBoolean(),
                    "HTTP 200 in " + r.nextInt(500) + " ms",
                    at,
                    r.nextInt(500),
                    List.of(new CheckMetric("time", r.nextDouble(), "s"))));
    return new AgentSnapshot(
        "agent-1",
        r.nextInt(5) == 0 ? "renamed" : "web-1",
        "Linux 6.1",
        "10.0.0.7:40000",
        status,
        List.of("restart"),
        r.nextInt(6) == 0 ? null : stats(r, at),
        at,
        "SHA256:abc",
        checks);
  }

  @Test
  void aPatchAppliedToTheOlderSnapshotGivesTheNewerOneExactly() throws Exception {
    Random r = new Random(42);
    AgentSnapshot before = snapshot(r, 1_000);
    for (int i = 0; i < 2_000; i++) {
      AgentSnapshot after = snapshot(r, 1_000 + i * 1_000L);
      JsonObject patch = RecordPatch.diff(before, after);
      // What crosses the network is text: the patch is read back from it, as the console does.
      JsonObject sent = JsonParser.parseString(patch.toString()).getAsJsonObject();
      assertThat(RecordPatch.apply(before, sent, "agent")).isEqualTo(after);
      before = after;
    }
  }

  @Test
  void aPatchCarriesOnlyWhatChanged() {
    Random r = new Random(7);
    AgentSnapshot before = snapshot(r, 1_000).withStatus(AgentStatus.ONLINE);
    StatsReport s = before.stats() == null ? stats(r, 1_000) : before.stats();
    before = before.withStats(s, 1_000);
    StatsReport moved =
        StatsReport.builder(
                2_000, 12.5, s.memoryUsedBytes(), s.memoryTotalBytes(), s.processCount())
            .cpuPerCore(s.cpuPerCore())
            .loadAverage(s.loadAverage())
            .memoryAvailable(s.memoryAvailableBytes())
            .threads(s.threadCount())
            .disk(s.diskReadBytesPerSecond(), s.diskWriteBytesPerSecond())
            .network(s.network())
            .agent(s.agentCpuPercent(), s.agentResidentBytes())
            .build();
    AgentSnapshot after = before.withStats(moved, 2_000);

    JsonObject patch = RecordPatch.diff(before, after);

    assertThat(patch.keySet()).containsExactly("stats", "lastSeenMillis");
    assertThat(patch.getAsJsonObject("stats").keySet())
        .containsExactly("sampledAtMillis", "cpuPercent");
    assertThat(RecordPatch.diff(after, after).isEmpty()).isTrue();
  }

  @Test
  void statsThatWentAwayArePatchedToNullAndBack() throws Exception {
    Random r = new Random(1);
    AgentSnapshot with = snapshot(r, 1_000).withStats(stats(r, 1_000), 1_000);
    AgentSnapshot without =
        new AgentSnapshot(
            with.agentId(),
            with.hostname(),
            with.os(),
            with.address(),
            AgentStatus.OFFLINE,
            with.allowedCommands(),
            null,
            with.lastSeenMillis(),
            with.fingerprint(),
            with.checks());

    JsonObject gone = RecordPatch.diff(with, without);
    assertThat(gone.get("stats").isJsonNull()).isTrue();
    assertThat(RecordPatch.apply(with, gone, "agent")).isEqualTo(without);
    assertThat(RecordPatch.apply(without, RecordPatch.diff(without, with), "agent"))
        .isEqualTo(with);
  }

  @Test
  void aPatchWritesEachValueAsGsonWritesTheRecord() {
    Random r = new Random(7);
    for (int i = 0; i < 500; i++) {
      AgentSnapshot before = snapshot(r, 1_000);
      AgentSnapshot after = snapshot(r, 2_000 + i);
      assertWrittenAsGson(
          RecordPatch.diff(before, after), OperatorWire.tree(after).getAsJsonObject(), "");
    }
  }

  private static void assertWrittenAsGson(JsonObject patch, JsonObject whole, String path) {
    for (var member : patch.entrySet()) {
      String at = path + "/" + member.getKey();
      JsonElement value = member.getValue();
      if (value.isJsonObject() && whole.get(member.getKey()).isJsonObject()) {
        assertWrittenAsGson(value.getAsJsonObject(), whole.getAsJsonObject(member.getKey()), at);
      } else if (!value.isJsonNull()) {
        assertThat(value.toString()).as(at).isEqualTo(whole.get(member.getKey()).toString());
      }
    }
  }

  @Test
  void aPatchThatDoesNotFitTheRecordIsAMalformedFrameNotAnException() {
    AgentSnapshot before = snapshot(new Random(3), 1_000);
    JsonObject unknown = JsonParser.parseString("{\"rootShell\":true}").getAsJsonObject();
    JsonObject nullPrimitive =
        JsonParser.parseString("{\"lastSeenMillis\":null}").getAsJsonObject();
    JsonObject wrongType =
        JsonParser.parseString("{\"lastSeenMillis\":\"yesterday\"}").getAsJsonObject();
    JsonObject badNested =
        JsonParser.parseString("{\"checks\":[{\"name\":\"bad name!\"}]}").getAsJsonObject();
    // 1e999 reads as infinity, which Gson refuses for a double, and so must the direct path.
    JsonObject infinite =
        JsonParser.parseString("{\"stats\":{\"cpuPercent\":1e999}}").getAsJsonObject();
    JsonObject infiniteInList =
        JsonParser.parseString("{\"stats\":{\"cpuPerCore\":[1,1e999]}}").getAsJsonObject();
    JsonObject nullInList =
        JsonParser.parseString("{\"stats\":{\"cpuPerCore\":[1,null]}}").getAsJsonObject();
    JsonObject numberForText = JsonParser.parseString("{\"hostname\":[1]}").getAsJsonObject();

    for (JsonObject patch :
        List.of(
            unknown,
            nullPrimitive,
            wrongType,
            badNested,
            infinite,
            infiniteInList,
            nullInList,
            numberForText)) {
      assertThatThrownBy(() -> RecordPatch.apply(before, patch, "agent patch"))
          .as(patch.toString())
          .isInstanceOf(ProtocolException.class)
          .hasMessageStartingWith("bad agent patch");
    }
  }
}
