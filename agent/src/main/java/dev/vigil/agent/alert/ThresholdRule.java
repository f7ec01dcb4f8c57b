package dev.vigil.agent.alert;

import dev.vigil.protocol.message.AlertState;
import dev.vigil.protocol.message.Severity;
import java.util.Optional;

/**
 * One alert rule over one measured value, with a warning and a critical level: a level fires when
 * the value stays at or over it for the hold time, escalates from warning to critical the same way,
 * and resolves once the value drops below the clear level, so a value bouncing around a line fires
 * once, not every sample. Not thread-safe: each rule is evaluated by one thread.
 */
public final class ThresholdRule {
  /** What the rule decided. */
  public record Event(
      AlertState state, Severity severity, double value, double threshold, long heldMillis) {}

  private enum Level {
    NONE,
    WARNING,
    CRITICAL
  }

  private final String name;
  private final RuleLevels levels;
  private Level level = Level.NONE;
  private long warningSince = -1;
  private long criticalSince = -1;

  public ThresholdRule(String name, RuleLevels levels) {
    this.name = name;
    this.levels = levels;
  }

  /** The rule's name, as alerts carry it. */
  public String name() {
    return name;
  }

  /** Feeds one value; returns an event when the alert fires, escalates or resolves. */
  public Optional<Event> evaluate(double value, long nowMillis) {
    warningSince =
        levels.warningEnabled() && value >= levels.warning() ? since(warningSince, nowMillis) : -1;
    criticalSince =
        levels.criticalEnabled() && value >= levels.critical()
            ? since(criticalSince, nowMillis)
            : -1;
    long hold = levels.hold().toMillis();
    if (level != Level.CRITICAL && criticalSince >= 0 && nowMillis - criticalSince >= hold) {
      level = Level.CRITICAL;
      return Optional.of(
          new Event(
              AlertState.FIRING,
              Severity.CRITICAL,
              value,
              levels.critical(),
              nowMillis - criticalSince));
    }
    if (level == Level.NONE && warningSince >= 0 && nowMillis - warningSince >= hold) {
      level = Level.WARNING;
      return Optional.of(
          new Event(
              AlertState.FIRING,
              Severity.WARNING,
              value,
              levels.warning(),
              nowMillis - warningSince));
    }
    if (level != Level.NONE && value < levels.clear()) {
      Severity was = level == Level.CRITICAL ? Severity.CRITICAL : Severity.WARNING;
      level = Level.NONE;
      return Optional.of(new Event(AlertState.RESOLVED, was, value, levels.clear(), 0));
    }
    return Optional.empty();
  }

  private static long since(long previous, long now) {
    return previous >= 0 ? previous : now;
  }

  /** The rule's levels. */
  public RuleLevels levels() {
    return levels;
  }

  /** Whether an alert of this rule is firing now. */
  public boolean firing() {
    return level != Level.NONE;
  }
}
