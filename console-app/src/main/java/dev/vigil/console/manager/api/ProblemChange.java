package dev.vigil.console.manager.api;

/**
 * What just happened to a problem, and the alert that made it happen (none for an acknowledgement,
 * a snooze or an end the console decided).
 *
 * @param problem the problem as it is now
 * @param kind what changed
 * @param cause the alert behind the change, or null
 */
public record ProblemChange(Problem problem, Kind kind, AlertEvent cause) {

  /** What changed. */
  public enum Kind {
    /** A rule started firing: a new problem. */
    OPENED,
    /** It fires again with another severity. */
    SEVERITY_CHANGED,
    /** It fires again as before (a newer value, or the agent restarted): same problem. */
    REPEATED,
    /** Its resolution arrived: it leaves the active problems. */
    RESOLVED,
    /** The console ended it: its agent was forgotten. */
    ENDED,
    /** Someone acknowledged it. */
    ACKNOWLEDGED,
    /** Someone snoozed it. */
    SNOOZED
  }

  /**
   * Whether this change should interrupt the operator (a popup): a new problem, a new severity or a
   * resolution, unless a snooze covers it.
   */
  public boolean interrupts() {
    boolean news = kind == Kind.OPENED || kind == Kind.SEVERITY_CHANGED || kind == Kind.RESOLVED;
    return news && cause != null && !cause.snoozed();
  }
}
