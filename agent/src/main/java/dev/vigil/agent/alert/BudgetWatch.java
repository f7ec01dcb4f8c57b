package dev.vigil.agent.alert;

import java.time.Duration;
import java.util.Optional;

/**
 * Watches the agent's own cost against its budget: over it (CPU or memory) for a minute, it fires
 * and asks for the slow probes to be spaced out; back under 80 % of it, it resolves. Not
 * thread-safe: fed by the sampling thread.
 */
public final class BudgetWatch {
  /** How much slower the slow probes run while the agent is over its budget. */
  public static final long SLOW_DOWN_FACTOR = 4;

  private final double cpuBudgetPercent;
  private final long memoryBudgetBytes;
  private final ThresholdRule rule;
  private volatile long slowDown = 1;

  public BudgetWatch(double cpuBudgetPercent, long memoryBudgetBytes, Duration hold) {
    this.cpuBudgetPercent = cpuBudgetPercent;
    this.memoryBudgetBytes = memoryBudgetBytes;
    this.rule = new ThresholdRule("agent.budget", new RuleLevels(100, Double.NaN, 80, hold));
  }

  /**
   * Feeds one measurement of the agent's own cost.
   *
   * @return an event when the agent goes over its budget or comes back under it
   */
  public Optional<ThresholdRule.Event> check(
      double cpuPercent, long residentBytes, long nowMillis) {
    double share =
        Math.max(cpuPercent / cpuBudgetPercent, (double) residentBytes / memoryBudgetBytes);
    Optional<ThresholdRule.Event> event = rule.evaluate(100 * share, nowMillis);
    event.ifPresent(e -> slowDown = rule.firing() ? SLOW_DOWN_FACTOR : 1);
    return event;
  }

  /** The agent's cost beside its budget, as its log and its alert say it. */
  public String cost(double cpuPercent, long residentBytes) {
    return String.format(
        "CPU %.1f %% of a core (budget %.1f %%), memory %d MB (budget %d MB)",
        cpuPercent, cpuBudgetPercent, residentBytes >> 20, memoryBudgetBytes >> 20);
  }

  /** The factor the slow probes' period is multiplied by now: 1, or more when over budget. */
  public long slowDown() {
    return slowDown;
  }

  /** The rule's name, as alerts carry it. */
  public String name() {
    return rule.name();
  }
}
