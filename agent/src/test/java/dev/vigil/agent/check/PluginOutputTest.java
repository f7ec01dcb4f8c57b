package dev.vigil.agent.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.protocol.message.CheckMetric;
import org.junit.jupiter.api.Test;

class PluginOutputTest {

  @Test
  void theFirstLineIsTheMessageAndPerformanceDataBecomeMetrics() {
    PluginOutput.Parsed p =
        PluginOutput.parse(
            "DISK OK - free space: / 79529MiB (76% inode=97%);| /=25551699968B;243497277849;257;0;270\n");
    assertThat(p.message()).isEqualTo("DISK OK - free space: / 79529MiB (76% inode=97%);");
    assertThat(p.metrics()).containsExactly(new CheckMetric("/", 25551699968.0, "B"));
  }

  @Test
  void quotedLabelsUnitsAndLongOutputPerformanceDataAreRead() {
    PluginOutput.Parsed p =
        PluginOutput.parse(
            "HTTP OK: 200 | 'response time'=0.012s;1;2;0 size=512B\n"
                + "more text here\n"
                + "and a line | 'it''s'=3;;; load=0.5\n"
                + "extra=7%\n");
    assertThat(p.message()).isEqualTo("HTTP OK: 200");
    assertThat(p.metrics())
        .containsExactly(
            new CheckMetric("response time", 0.012, "s"),
            new CheckMetric("size", 512, "B"),
            new CheckMetric("it's", 3, ""),
            new CheckMetric("load", 0.5, ""),
            new CheckMetric("extra", 7, "%"));
  }

  @Test
  void garbageIsSkippedAndNoMoreThanSixteenMetricsAreKept() {
    StringBuilder many = new StringBuilder("OK |");
    for (int i = 0; i < 40; i++) {
      many.append(" m").append(i).append('=').append(i);
    }
    assertThat(PluginOutput.parse(many.toString()).metrics()).hasSize(CheckMetric.MAX_PER_CHECK);
    assertThat(PluginOutput.parse("OK | this is not perfdata x=abc").metrics()).isEmpty();
    assertThat(PluginOutput.parse("").message()).isEmpty();
  }
}
