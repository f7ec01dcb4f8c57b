package dev.vigil.agent.alert;

import dev.vigil.protocol.AlertState;
import java.time.Duration;
import java.util.Optional;

/**
 * Fires when CPU stays at or above a trigger for a hold time, and resolves once it drops below a
 * lower clear level, so a value bouncing around the trigger fires once, not every sample. Not
 * thread-safe: evaluated by the sampling thread.
 */
public final class CpuAlertRule {
  /** What the rule decided: the alert starts or ends, with the value that made it so. */
  public record Transition(AlertState state, double value, double threshold, long heldMillis) {}

  private enum Phase {
    NORMAL,
    PENDING,
    FIRING
  }

  private final double triggerPercent;
  private final double clearPercent;
  private final long holdMillis;
  private Phase phase = Phase.NORMAL;
  private long overSinceMillis;

  public CpuAlertRule(double triggerPercent, Duration holdFor, double clearPercent) {
    if (clearPercent > triggerPercent) {
      throw new IllegalArgumentException(
          "the clear level ("
              + clearPercent
              + "%) must not be above the trigger ("
              + triggerPercent
              + "%)");
    }
    this.triggerPercent = triggerPercent;
    this.clearPercent = clearPercent;
    this.holdMillis = holdFor.toMillis();
  }

  /** Feeds one sample; returns a transition when the alert starts or ends. */
  public Optional<Transition> evaluate(double cpuPercent, long nowMillis) {
    switch (phase) {
      case NORMAL -> {
        if (cpuPercent >= triggerPercent) {
          phase = Phase.PENDING;
          overSinceMillis = nowMillis;
          return fireIfHeld(cpuPercent, nowMillis);
        }
      }
      case PENDING -> {
        if (cpuPercent >= triggerPercent) {
          return fireIfHeld(cpuPercent, nowMillis);
        }
        phase = Phase.NORMAL;
      }
      case FIRING -> {
        if (cpuPercent < clearPercent) {
          phase = Phase.NORMAL;
          return Optional.of(
              new Transition(
                  AlertState.RESOLVED, cpuPercent, clearPercent, nowMillis - overSinceMillis));
        }
      }
    }
    return Optional.empty();
  }

  private Optional<Transition> fireIfHeld(double cpuPercent, long nowMillis) {
    long held = nowMillis - overSinceMillis;
    if (held >= holdMillis) {
      phase = Phase.FIRING;
      return Optional.of(new Transition(AlertState.FIRING, cpuPercent, triggerPercent, held));
    }
    return Optional.empty();
  }

  public double triggerPercent() {
    return triggerPercent;
  }
}
