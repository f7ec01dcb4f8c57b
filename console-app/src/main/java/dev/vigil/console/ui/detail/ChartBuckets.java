package dev.vigil.console.ui.detail;

import dev.vigil.console.manager.api.MinuteAggregate;
import java.util.ArrayList;
import java.util.List;

/**
 * Folds a series into at most {@link #MAX_POINTS} chart points, so that a month of minutes draws as
 * fast as a quarter hour of seconds. Pure functions.
 */
final class ChartBuckets {
  /** How many points a chart draws at most; longer series are averaged into buckets. */
  static final int MAX_POINTS = 300;

  private ChartBuckets() {}

  /**
   * Folds samples from {@code start} on into buckets, as (seconds, value / divisor) points stamped
   * with each bucket's last time: the mean of each bucket, or with {@code peak} its highest value,
   * so that peaks stay peaks.
   */
  static List<double[]> bucket(
      long[] times, double[] values, int start, double divisor, boolean peak) {
    int n = times.length - start;
    List<double[]> points = new ArrayList<>(Math.min(Math.max(n, 0), MAX_POINTS));
    if (n <= 0) {
      return points;
    }
    int per = (n + MAX_POINTS - 1) / MAX_POINTS;
    for (int i = start; i < times.length; i += per) {
      int end = Math.min(times.length, i + per);
      double folded = peak ? Double.NEGATIVE_INFINITY : 0;
      for (int j = i; j < end; j++) {
        folded = peak ? Math.max(folded, values[j]) : folded + values[j];
      }
      double value = peak ? folded : folded / (end - i);
      points.add(new double[] {times[end - 1] / 1000.0, value / divisor});
    }
    return points;
  }

  /**
   * Stored minutes as points at the middle of each minute: their means, or with {@code peak} their
   * maxima; none for null.
   */
  static List<double[]> minutes(List<MinuteAggregate> rows, boolean peak, double divisor) {
    if (rows == null) {
      return List.of();
    }
    long[] t = new long[rows.size()];
    double[] v = new double[rows.size()];
    for (int i = 0; i < rows.size(); i++) {
      t[i] = rows.get(i).minuteMillis() + 30_000;
      v[i] = peak ? rows.get(i).max() : rows.get(i).avg();
    }
    return bucket(t, v, 0, divisor, peak);
  }

  /** The index of the first time at or after {@code fromMillis}, or the length when none is. */
  static int firstAtOrAfter(long[] times, long fromMillis) {
    int start = 0;
    while (start < times.length && times[start] < fromMillis) {
      start++;
    }
    return start;
  }
}
