package dev.vigil.console.manager.history;

import dev.vigil.console.manager.api.CheckMinute;
import dev.vigil.protocol.message.CheckMetric;
import dev.vigil.protocol.message.CheckResult;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Summarises what the agents' service checks measured into one-minute min/avg/max aggregates, as
 * {@link MetricHistory} does for the built-in figures; each run counts once, however many reports
 * carry it (a run is known by its check and start time). Thread-safe.
 */
public final class CheckHistory {
  private static final long MINUTE = 60_000;

  /** At most this many figures per agent are followed, so a plugin cannot grow it without end. */
  static final int MAX_FIGURES_PER_AGENT = 1024;

  private final Map<String, AgentFigures> agents = new ConcurrentHashMap<>();
  private final PendingRows<CheckMinute> pending = new PendingRows<>();

  /** Takes in the runs a report carried, received at {@code nowMillis}. */
  public void record(String agentId, List<CheckResult> results, long nowMillis) {
    if (results.isEmpty()) {
      return;
    }
    agents.computeIfAbsent(agentId, AgentFigures::new).add(results, nowMillis);
  }

  /** Drops an agent's minutes in progress. */
  public void forget(String agentId) {
    agents.remove(agentId);
  }

  /** Closes every minute that ended before {@code nowMillis}; hands back those not yet stored. */
  public List<CheckMinute> completedMinutes(long nowMillis) {
    long minuteStart = nowMillis - Math.floorMod(nowMillis, MINUTE);
    for (AgentFigures a : agents.values()) {
      a.closeBefore(minuteStart);
    }
    return pending.take();
  }

  /** Puts back minutes that could not be stored, so that the next flush tries again. */
  public void retry(List<CheckMinute> rows) {
    pending.putBack(rows);
  }

  /** The minute in progress of one check's figure, if it has runs. */
  public Optional<CheckMinute> currentMinute(String agentId, String check, String metric) {
    AgentFigures a = agents.get(agentId);
    return a == null ? Optional.empty() : a.current(check, metric);
  }

  /** Every minute in progress, not yet stored. */
  public List<CheckMinute> minutesInProgress() {
    List<CheckMinute> rows = new ArrayList<>();
    agents.values().forEach(a -> a.currentAll(rows));
    return rows;
  }

  private void completed(CheckMinute m) {
    pending.add(m);
  }

  /** One agent's figures in their minute in progress, and the last run counted of each check. */
  private final class AgentFigures {
    private final String agentId;
    private final ReentrantLock lock = new ReentrantLock();
    private final Map<String, Long> lastRun = new HashMap<>();
    private final Map<String, Figure> figures = new HashMap<>();

    AgentFigures(String agentId) {
      this.agentId = agentId;
    }

    void add(List<CheckResult> results, long now) {
      long minute = now - Math.floorMod(now, MINUTE);
      lock.lock();
      try {
        for (CheckResult r : results) {
          if (r.lastRunMillis() == 0 || lastRun.getOrDefault(r.name(), -1L) == r.lastRunMillis()) {
            continue;
          }
          lastRun.put(r.name(), r.lastRunMillis());
          for (CheckMetric m : r.metrics()) {
            String key = CheckMinute.key(r.name(), m.name());
            Figure f = figures.get(key);
            if (f == null) {
              if (figures.size() >= MAX_FIGURES_PER_AGENT) {
                continue;
              }
              f = new Figure(r.name(), m.name());
              figures.put(key, f);
            }
            if (f.minute != minute) {
              f.close(agentId);
              f.minute = minute;
            }
            f.add(m.value());
          }
        }
      } finally {
        lock.unlock();
      }
    }

    void closeBefore(long minuteStart) {
      lock.lock();
      try {
        for (Figure f : figures.values()) {
          if (f.minute < minuteStart) {
            f.close(agentId);
          }
        }
      } finally {
        lock.unlock();
      }
    }

    Optional<CheckMinute> current(String check, String metric) {
      lock.lock();
      try {
        Figure f = figures.get(CheckMinute.key(check, metric));
        return f == null ? Optional.empty() : f.snapshot(agentId);
      } finally {
        lock.unlock();
      }
    }

    void currentAll(List<CheckMinute> rows) {
      lock.lock();
      try {
        figures.values().forEach(f -> f.snapshot(agentId).ifPresent(rows::add));
      } finally {
        lock.unlock();
      }
    }
  }

  /** One figure's minute in progress; guarded by its agent's lock. */
  private final class Figure {
    final String check;
    final String metric;
    long minute = Long.MIN_VALUE;
    int count;
    double min;
    double max;
    double sum;

    Figure(String check, String metric) {
      this.check = check;
      this.metric = metric;
    }

    void add(double v) {
      if (count == 0) {
        min = v;
        max = v;
        sum = v;
      } else {
        min = Math.min(min, v);
        max = Math.max(max, v);
        sum += v;
      }
      count++;
    }

    Optional<CheckMinute> snapshot(String agentId) {
      if (count == 0) {
        return Optional.empty();
      }
      return Optional.of(
          new CheckMinute(
              agentId, minute, check, metric, count, min, Math.clamp(sum / count, min, max), max));
    }

    void close(String agentId) {
      snapshot(agentId).ifPresent(CheckHistory.this::completed);
      count = 0;
    }
  }
}
