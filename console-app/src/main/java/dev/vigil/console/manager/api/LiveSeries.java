package dev.vigil.console.manager.api;

import java.util.Map;

/**
 * An agent's full-resolution samples of the live metrics, a copy that the reader owns.
 *
 * @param timesMillis when each sample arrived, oldest first
 * @param values each live metric's values, index for index with the times
 */
public record LiveSeries(long[] timesMillis, Map<Metric, double[]> values) {
  /** No samples. */
  public static final LiveSeries EMPTY = new LiveSeries(new long[0], Map.of());

  /** How many samples there are. */
  public int size() {
    return timesMillis.length;
  }

  /** One metric's values, or an empty array when it is not a live metric. */
  public double[] of(Metric m) {
    return values.getOrDefault(m, new double[0]);
  }
}
