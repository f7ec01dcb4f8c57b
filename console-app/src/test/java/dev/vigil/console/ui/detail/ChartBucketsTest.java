package dev.vigil.console.ui.detail;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.console.manager.api.Metric;
import dev.vigil.console.manager.api.MinuteAggregate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Chart bucketing is plain arithmetic: no toolkit. */
class ChartBucketsTest {

  @Test
  void aShortSeriesKeepsEverySampleFromTheStartAsSecondsAndDividedValues() {
    long[] times = {1_000, 2_000, 3_000};
    double[] values = {2048, 4096, 1024};
    List<double[]> points = ChartBuckets.bucket(times, values, 1, 1024, false);
    assertThat(points).hasSize(2);
    assertThat(points.get(0)).containsExactly(2.0, 4.0);
    assertThat(points.get(1)).containsExactly(3.0, 1.0);
  }

  @Test
  void aLongSeriesFoldsIntoAtMostMaxPointsWithMeansOrPeaks() {
    int n = ChartBuckets.MAX_POINTS * 4 + 1; // five samples a bucket, the last one alone
    long[] times = new long[n];
    double[] values = new double[n];
    for (int i = 0; i < n; i++) {
      times[i] = i * 1000L;
      values[i] = i % 5 == 4 ? 100 : 0; // one spike in each full bucket
    }
    List<double[]> means = ChartBuckets.bucket(times, values, 0, 1, false);
    List<double[]> peaks = ChartBuckets.bucket(times, values, 0, 1, true);
    assertThat(means).hasSizeLessThanOrEqualTo(ChartBuckets.MAX_POINTS);
    assertThat(peaks).hasSameSizeAs(means);
    assertThat(means.get(0)).containsExactly(4.0, 20.0); // stamped with the bucket's last time
    assertThat(peaks.get(0)).containsExactly(4.0, 100.0);
    assertThat(means.get(means.size() - 1)[0]).isEqualTo((n - 1) / 1.0);
  }

  @Test
  void nothingToDrawGivesNoPoints() {
    assertThat(ChartBuckets.bucket(new long[0], new double[0], 0, 1, false)).isEmpty();
    assertThat(ChartBuckets.bucket(new long[] {1}, new double[] {1}, 1, 1, false)).isEmpty();
    assertThat(ChartBuckets.minutes(null, false, 1)).isEmpty();
  }

  @Test
  void storedMinutesAreDrawnAtTheirMiddleAsMeanOrMax() {
    List<MinuteAggregate> rows =
        List.of(
            new MinuteAggregate("a", 60_000, Metric.CPU, 6, 1, 5, 9),
            new MinuteAggregate("a", 120_000, Metric.CPU, 6, 2, 4, 8));
    assertThat(ChartBuckets.minutes(rows, false, 1))
        .containsExactly(new double[] {90.0, 5.0}, new double[] {150.0, 4.0});
    assertThat(ChartBuckets.minutes(rows, true, 1))
        .containsExactly(new double[] {90.0, 9.0}, new double[] {150.0, 8.0});
  }

  @Test
  void theLiveWindowStartsAtTheFirstSampleInRange() {
    long[] times = {1, 5, 9};
    assertThat(ChartBuckets.firstAtOrAfter(times, 0)).isEqualTo(0);
    assertThat(ChartBuckets.firstAtOrAfter(times, 5)).isEqualTo(1);
    assertThat(ChartBuckets.firstAtOrAfter(times, 10)).isEqualTo(3);
  }
}
