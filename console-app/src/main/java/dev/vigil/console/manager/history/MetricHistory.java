package dev.vigil.console.manager.history;

import dev.vigil.console.manager.api.LiveSeries;
import dev.vigil.console.manager.api.Metric;
import dev.vigil.console.manager.api.MinuteAggregate;
import dev.vigil.protocol.message.StatsReport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Keeps each agent's recent stats at full resolution in memory, for live charts, and summarises
 * every minute into min/avg/max aggregates that go to the store. Thread-safe: reports arrive on
 * network threads while a housekeeping thread flushes and the UI reads.
 */
public final class MetricHistory {
  private static final List<Metric> LIVE = Metric.LIVE;

  private static final long MINUTE = 60_000;

  private final Map<String, AgentSeries> series = new ConcurrentHashMap<>();
  private final int capacity;
  private final PendingRows<MinuteAggregate> pending = new PendingRows<>();

  /** Keeps {@code liveWindow} of one-per-second samples per agent. */
  public MetricHistory(Duration liveWindow) {
    this.capacity = (int) Math.max(1, liveWindow.toSeconds());
  }

  /** Takes in one report, received at {@code nowMillis}. */
  public void record(String agentId, StatsReport stats, long nowMillis) {
    series
        .computeIfAbsent(agentId, id -> new AgentSeries(id, capacity, nowMillis))
        .add(stats, nowMillis);
  }

  /** Drops an agent's history from memory (its stored aggregates stay until they age out). */
  public void forget(String agentId) {
    series.remove(agentId);
  }

  /**
   * Closes every minute that ended before {@code nowMillis} and hands back the aggregates not yet
   * stored, oldest first.
   */
  public List<MinuteAggregate> completedMinutes(long nowMillis) {
    for (AgentSeries s : series.values()) {
      s.closeMinuteBefore(nowMillis - Math.floorMod(nowMillis, MINUTE));
    }
    return pending.take();
  }

  /** Puts back aggregates that could not be stored, so that the next flush tries again. */
  public void retry(List<MinuteAggregate> rows) {
    pending.putBack(rows);
  }

  private void completed(MinuteAggregate a) {
    pending.add(a);
  }

  /** The agent's full-resolution samples, oldest first; empty before its first report. */
  public LiveSeries live(String agentId) {
    AgentSeries s = series.get(agentId);
    return s == null ? LiveSeries.EMPTY : s.copy();
  }

  /** Every agent's minute in progress, not yet in the store. */
  public List<MinuteAggregate> minutesInProgress() {
    List<MinuteAggregate> rows = new ArrayList<>();
    for (AgentSeries s : series.values()) {
      for (Metric m : Metric.values()) {
        s.current(m).ifPresent(rows::add);
      }
    }
    return rows;
  }

  /** The minute in progress for an agent's metric, not yet in the store, if it has samples. */
  public java.util.Optional<MinuteAggregate> currentMinute(String agentId, Metric metric) {
    AgentSeries s = series.get(agentId);
    return s == null ? java.util.Optional.empty() : s.current(metric);
  }

  private static final double LN2 = Math.log(2);
  private static final double RATE_STEPS_PER_DOUBLING = 2000;

  /** One agent's ring of samples and its minute in progress. */
  private final class AgentSeries {
    private final String agentId;
    private final ReentrantLock lock = new ReentrantLock();
    // 12 bytes a sample: arrival in tenths of a second after `base` (int), CPU and memory in
    // hundredths of a percent (char, 0..10000), network in and out in bytes/s on a log scale
    // (char, see rateCode).
    private final long base;
    private final int[] times;
    private final char[] cpu;
    private final char[] memory;
    private final char[] netIn;
    private final char[] netOut;
    private int head; // next write position
    private int size;
    private long minute = Long.MIN_VALUE;
    private final double[] min = new double[Metric.values().length];
    private final double[] max = new double[Metric.values().length];
    private final double[] sum = new double[Metric.values().length];
    private int count;

    AgentSeries(String agentId, int capacity, long firstMillis) {
      this.agentId = agentId;
      this.base = firstMillis;
      this.times = new int[capacity];
      this.cpu = new char[capacity];
      this.memory = new char[capacity];
      this.netIn = new char[capacity];
      this.netOut = new char[capacity];
    }

    void add(StatsReport stats, long now) {
      lock.lock();
      try {
        long thisMinute = now - Math.floorMod(now, MINUTE);
        if (thisMinute != minute) {
          closeLocked();
          minute = thisMinute;
        }
        Metric[] all = Metric.values();
        for (int i = 0; i < all.length; i++) {
          double v = all[i].valueIn(stats);
          if (count == 0) {
            min[i] = v;
            max[i] = v;
            sum[i] = v;
          } else {
            min[i] = Math.min(min[i], v);
            max[i] = Math.max(max[i], v);
            sum[i] += v;
          }
        }
        count++;
        times[head] = (int) Math.max(0, (now - base) / 100);
        cpu[head] = hundredths(Metric.CPU.valueIn(stats));
        memory[head] = hundredths(Metric.MEMORY.valueIn(stats));
        netIn[head] = rateCode(Metric.NET_IN.valueIn(stats));
        netOut[head] = rateCode(Metric.NET_OUT.valueIn(stats));
        head = (head + 1) % times.length;
        size = Math.min(size + 1, times.length);
      } finally {
        lock.unlock();
      }
    }

    void closeMinuteBefore(long minuteStart) {
      lock.lock();
      try {
        if (minute < minuteStart) {
          closeLocked();
        }
      } finally {
        lock.unlock();
      }
    }

    /** The minute's mean, kept within [min, max]: a float sum can round one ulp past them. */
    private double mean(int i) {
      return Math.clamp(sum[i] / count, min[i], max[i]);
    }

    private void closeLocked() {
      if (count == 0) {
        return;
      }
      Metric[] all = Metric.values();
      for (int i = 0; i < all.length; i++) {
        completed(new MinuteAggregate(agentId, minute, all[i], count, min[i], mean(i), max[i]));
      }
      count = 0;
    }

    java.util.Optional<MinuteAggregate> current(Metric m) {
      lock.lock();
      try {
        int i = m.ordinal();
        return count == 0
            ? java.util.Optional.empty()
            : java.util.Optional.of(
                new MinuteAggregate(agentId, minute, m, count, min[i], mean(i), max[i]));
      } finally {
        lock.unlock();
      }
    }

    /**
     * A rate in bytes per second as 16 bits on a log scale: 0 stays 0, every value is within 0.02 %
     * of what was sent, up to 7 GB/s (58 Gbit/s; faster is shown as that).
     */
    static char rateCode(double bytesPerSecond) {
      double steps = Math.log1p(Math.max(0, bytesPerSecond)) / LN2 * RATE_STEPS_PER_DOUBLING;
      return (char) Math.min(Character.MAX_VALUE, Math.round(steps));
    }

    static double rateOf(char code) {
      return Math.expm1(code / RATE_STEPS_PER_DOUBLING * LN2);
    }

    private static char hundredths(double percent) {
      return (char) Math.round(Math.max(0, Math.min(100, percent)) * 100);
    }

    LiveSeries copy() {
      lock.lock();
      try {
        int n = times.length;
        int start = (head - size + n) % n;
        long[] t = new long[size];
        double[] c = new double[size];
        double[] m = new double[size];
        double[] in = new double[size];
        double[] out = new double[size];
        for (int j = 0; j < size; j++) {
          int k = (start + j) % n;
          t[j] = base + times[k] * 100L;
          c[j] = cpu[k] / 100.0;
          m[j] = memory[k] / 100.0;
          in[j] = rateOf(netIn[k]);
          out[j] = rateOf(netOut[k]);
        }
        Map<Metric, double[]> values = new EnumMap<>(Metric.class);
        values.put(Metric.CPU, c);
        values.put(Metric.MEMORY, m);
        values.put(Metric.NET_IN, in);
        values.put(Metric.NET_OUT, out);
        return new LiveSeries(t, values);
      } finally {
        lock.unlock();
      }
    }
  }
}
