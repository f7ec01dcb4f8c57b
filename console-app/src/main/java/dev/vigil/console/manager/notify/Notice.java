package dev.vigil.console.manager.notify;

import dev.vigil.console.manager.api.Problem;

/**
 * One problem's transition as it is told to people.
 *
 * @param problem the problem as it was when the notice was written
 * @param transition what people are told of it
 * @param note a sentence for the transition (who acknowledged it, why it was escalated), or empty
 */
public record Notice(Problem problem, Transition transition, String note) {

  public Notice {
    note = note == null ? "" : note;
  }

  /** What people are told of a problem. */
  public enum Transition {
    /** It started firing, or fires again with a higher severity. */
    FIRING,
    /** It was not acknowledged in time and goes to the next route. */
    ESCALATED,
    /** It is still firing after a long time: the quiet reminder. */
    REMINDER,
    /** Someone acknowledged it (announced once). */
    ACKNOWLEDGED,
    /** It is over. */
    RESOLVED,
    /**
     * A periodic re-send for a channel whose far end forgets ({@link Channel#resendWhileFiring}).
     */
    STILL_FIRING
  }
}
