package dev.vigil.console.manager.alerts;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * How many new alerts each agent may raise: a token bucket per agent that holds a burst (an agent
 * back from an outage sends its backlog at once) and refills at a steady rate a minute. Alerts
 * beyond it are counted as dropped; each agent's drops are handed out at most once a minute, for
 * one report, and a minute without drops after one is handed out as the agent's recovery.
 * Thread-safe (a lock, not {@code synchronized}: session threads call it).
 */
final class AlertRateLimit {
  static final long REPORT_EVERY_MILLIS = 60_000;

  /** Alerts dropped from one agent since its last report; 0 when it is back under its limit. */
  record Dropped(String agentId, String hostname, long count) {}

  private static final class Bucket {
    double tokens;
    long refilledAtMillis;
    long dropped;
    long firstDropMillis;
    boolean limited;
    long reportedAtMillis;
    String hostname;

    Bucket(double tokens, long nowMillis) {
      this.tokens = tokens;
      this.refilledAtMillis = nowMillis;
    }
  }

  private final int burst;
  private final double perMilli;
  private final Map<String, Bucket> buckets = new HashMap<>();
  private final ReentrantLock lock = new ReentrantLock();
  private long droppedTotal;

  /**
   * @param perMinute new alerts an agent may raise a minute, once its burst is spent
   * @param burst new alerts an agent may raise at once
   */
  AlertRateLimit(int perMinute, int burst) {
    this.burst = burst;
    this.perMilli = perMinute / 60_000.0;
  }

  /** Whether a new alert of this agent fits its bucket; a drop is counted. */
  boolean admit(String agentId, String hostname, long nowMillis) {
    lock.lock();
    try {
      Bucket b = buckets.computeIfAbsent(agentId, id -> new Bucket(burst, nowMillis));
      b.tokens = Math.min(burst, b.tokens + (nowMillis - b.refilledAtMillis) * perMilli);
      b.refilledAtMillis = nowMillis;
      b.hostname = hostname;
      if (b.tokens >= 1) {
        b.tokens -= 1;
        return true;
      }
      if (b.dropped == 0) {
        b.firstDropMillis = nowMillis;
      }
      b.dropped++;
      droppedTotal++;
      return false;
    } finally {
      lock.unlock();
    }
  }

  /**
   * The agents whose drops began at least a minute ago, each with its count, which restarts; and
   * with a count of 0 those reported before that dropped nothing for a minute since.
   */
  List<Dropped> due(long nowMillis) {
    lock.lock();
    try {
      List<Dropped> out = new ArrayList<>();
      buckets.forEach(
          (id, b) -> {
            if (b.dropped > 0 && nowMillis - b.firstDropMillis >= REPORT_EVERY_MILLIS) {
              out.add(new Dropped(id, b.hostname, b.dropped));
              b.dropped = 0;
              b.limited = true;
              b.reportedAtMillis = nowMillis;
            } else if (b.limited
                && b.dropped == 0
                && nowMillis - b.reportedAtMillis >= REPORT_EVERY_MILLIS) {
              out.add(new Dropped(id, b.hostname, 0));
              b.limited = false;
            }
          });
      // A full bucket with nothing to report says nothing a new one would not.
      buckets
          .values()
          .removeIf(
              b ->
                  b.dropped == 0
                      && !b.limited
                      && b.tokens + (nowMillis - b.refilledAtMillis) * perMilli >= burst);
      return out;
    } finally {
      lock.unlock();
    }
  }

  /** Alerts dropped since the console started, all agents. */
  long droppedTotal() {
    lock.lock();
    try {
      return droppedTotal;
    } finally {
      lock.unlock();
    }
  }
}
