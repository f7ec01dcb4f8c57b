package dev.vigil.protocol.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.protocol.frame.MessageCodec;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Service check results in stats and slow_stats (issue 20): optional, checked, round-tripped. */
class CheckResultsTest {
  private static final CheckResult WEB =
      new CheckResult(
          "web",
          "http",
          CheckStatus.CRITICAL,
          true,
          "HTTP 503 from http://127.0.0.1/",
          1_700_000_000_000L,
          12,
          List.of(new CheckMetric("time", 0.012, "s")));

  private static String text(Message m) {
    return new String(MessageCodec.encode(m), StandardCharsets.UTF_8);
  }

  @Test
  void reportsFromAgentsWithoutTheFieldReadAsNoChecks() throws Exception {
    StatsReport stats = new StatsReport(1, 10, 1, 2, 3);
    String old = text(stats).replace(",\"checks\":[]", "");
    assertThat(old).doesNotContain("checks");
    StatsReport fromOldAgent =
        (StatsReport) MessageCodec.decode(old.getBytes(StandardCharsets.UTF_8));
    assertThat(fromOldAgent.checks()).isEmpty();
    SlowReport slow = new SlowReport(1, List.of(), List.of(), List.of());
    String oldSlow = text(slow).replace(",\"checks\":[]", "");
    assertThat(oldSlow).doesNotContain("checks");
    assertThat(
            ((SlowReport) MessageCodec.decode(oldSlow.getBytes(StandardCharsets.UTF_8))).checks())
        .isEmpty();
  }

  @Test
  void checksRoundTripInBothReports() throws Exception {
    StatsReport stats = new StatsReport(1, 10, 1, 2, 3).withChecks(List.of(WEB));
    assertThat(MessageCodec.decode(MessageCodec.encode(stats))).isEqualTo(stats);
    assertThat(((StatsReport) MessageCodec.decode(MessageCodec.encode(stats))).checks())
        .containsExactly(WEB);
    SlowReport slow = new SlowReport(1, List.of(), List.of(), List.of()).withChecks(List.of(WEB));
    assertThat(((SlowReport) MessageCodec.decode(MessageCodec.encode(slow))).checks())
        .containsExactly(WEB);
  }

  @Test
  void aCheckResultRefusesUnprintableTextAndMoreThanSixteenMetrics() {
    assertThatThrownBy(
            () ->
                new CheckResult(
                    "web", "http", CheckStatus.OK, false, "ok\u001b[2J", 1, 1, List.of()))
        .hasMessageContaining("message must be printable text");
    List<CheckMetric> many =
        java.util.stream.IntStream.range(0, 17)
            .mapToObj(i -> new CheckMetric("m" + i, i, ""))
            .toList();
    assertThatThrownBy(
            () -> new CheckResult("web", "http", CheckStatus.OK, false, "ok", 1, 1, many))
        .hasMessageContaining("metrics lists more than 16 entries");
    assertThatThrownBy(() -> new CheckMetric("", 1, ""))
        .hasMessageContaining("name must not be empty");
  }
}
