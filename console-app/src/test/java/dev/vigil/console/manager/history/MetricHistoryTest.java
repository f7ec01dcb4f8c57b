package dev.vigil.console.manager.history;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.console.manager.api.LiveSeries;
import dev.vigil.console.manager.api.Metric;
import dev.vigil.console.manager.api.MinuteAggregate;
import dev.vigil.protocol.message.InterfaceRate;
import dev.vigil.protocol.message.StatsReport;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class MetricHistoryTest {
  private static final long MINUTE = 60_000;
  private static final long T0 = 1_800_000_000_000L - Math.floorMod(1_800_000_000_000L, MINUTE);

  private static StatsReport stats(double cpu, long usedMemory) {
    return StatsReport.builder(T0, cpu, usedMemory, 1000, 10)
        .cpuPerCore(List.of(cpu))
        .loadAverage(List.of(1.5, 1.0, 0.5))
        .memoryAvailable(1000 - usedMemory)
        .threads(50)
        .uptimeSeconds(100)
        .disk(10, 20)
        .network(List.of(new InterfaceRate("eth0", 300, 40), new InterfaceRate("eth1", 100, 2)))
        .agent(0.1, 1 << 20)
        .build();
  }

  @Test
  void eachMinuteBecomesOneMinAvgMaxRowPerMetricOnceItHasEnded() {
    MetricHistory history = new MetricHistory(Duration.ofMinutes(5));
    history.record("a", stats(10, 200), T0 + 1_000);
    history.record("a", stats(30, 400), T0 + 2_000);
    history.record("a", stats(20, 600), T0 + 3_000);
    assertThat(history.completedMinutes(T0 + 59_000)).isEmpty();
    assertThat(history.currentMinute("a", Metric.CPU))
        .hasValueSatisfying(m -> assertThat(m.avg()).isEqualTo(20.0));

    List<MinuteAggregate> done = history.completedMinutes(T0 + MINUTE);
    assertThat(done).hasSize(Metric.values().length);
    MinuteAggregate cpu = done.stream().filter(m -> m.metric() == Metric.CPU).findFirst().get();
    assertThat(cpu.minuteMillis()).isEqualTo(T0);
    assertThat(cpu.samples()).isEqualTo(3);
    assertThat(cpu.min()).isEqualTo(10.0);
    assertThat(cpu.avg()).isEqualTo(20.0);
    assertThat(cpu.max()).isEqualTo(30.0);
    MinuteAggregate memory =
        done.stream().filter(m -> m.metric() == Metric.MEMORY).findFirst().get();
    assertThat(memory.min()).isEqualTo(20.0);
    assertThat(memory.max()).isEqualTo(60.0);
    MinuteAggregate in = done.stream().filter(m -> m.metric() == Metric.NET_IN).findFirst().get();
    assertThat(in.avg()).isEqualTo(400.0);
    // Handed over once only.
    assertThat(history.completedMinutes(T0 + 2 * MINUTE)).isEmpty();
  }

  @Test
  void aReportInANewMinuteClosesThePreviousOne() {
    MetricHistory history = new MetricHistory(Duration.ofMinutes(5));
    history.record("a", stats(10, 100), T0 + 1_000);
    history.record("a", stats(50, 100), T0 + MINUTE + 1_000);
    List<MinuteAggregate> done = history.completedMinutes(T0 + MINUTE + 2_000);
    assertThat(done).extracting(MinuteAggregate::minuteMillis).containsOnly(T0);
    assertThat(history.currentMinute("a", Metric.CPU))
        .hasValueSatisfying(m -> assertThat(m.max()).isEqualTo(50.0));
  }

  @Test
  void theLiveRingKeepsTheNewestSamplesOldestFirst() {
    MetricHistory history = new MetricHistory(Duration.ofSeconds(3));
    for (int i = 0; i < 5; i++) {
      history.record("a", stats(i, 100), T0 + i * 1_000L);
    }
    LiveSeries live = history.live("a");
    assertThat(live.size()).isEqualTo(3);
    assertThat(live.timesMillis()).containsExactly(T0 + 2_000, T0 + 3_000, T0 + 4_000);
    assertThat(live.of(Metric.CPU)).containsExactly(2.0, 3.0, 4.0);
    assertThat(live.of(Metric.NET_OUT)).hasSize(3);
    for (double v : live.of(Metric.NET_OUT)) {
      assertThat(v).isCloseTo(42.0, org.assertj.core.data.Percentage.withPercentage(0.02));
    }
    assertThat(live.of(Metric.LOAD)).isEmpty();
    assertThat(history.live("nobody").size()).isZero();
  }

  @Test
  void networkRatesKeepTheirValueWithinAFiftiethOfAPercentFromZeroToSevenGigabytes() {
    MetricHistory history = new MetricHistory(Duration.ofMinutes(1));
    double[] rates = {0, 1, 7.5, 999, 123_456.7, 1.25e9, 7.0e9};
    for (double rate : rates) {
      StatsReport s =
          StatsReport.builder(T0, 10, 1L << 30, 4L << 30, 100)
              .memoryAvailable(3L << 30)
              .threads(100)
              .uptimeSeconds(1000)
              .network(List.of(new InterfaceRate("eth0", rate, rate)))
              .build();
      history.record("a", s, T0);
    }
    double[] in = history.live("a").of(Metric.NET_IN);
    assertThat(in[0]).isZero();
    for (int i = 1; i < rates.length; i++) {
      assertThat(in[i])
          .as("rate %s", rates[i])
          .isCloseTo(rates[i], org.assertj.core.data.Percentage.withPercentage(0.02));
    }
  }

  @Test
  void aggregatesThatCouldNotBeStoredAreHandedOverAgain() {
    MetricHistory history = new MetricHistory(Duration.ofMinutes(1));
    history.record("a", stats(10, 100), T0);
    List<MinuteAggregate> first = history.completedMinutes(T0 + MINUTE);
    history.retry(new java.util.ArrayList<>(first));
    assertThat(history.completedMinutes(T0 + MINUTE)).containsExactlyElementsOf(first);
  }
}
