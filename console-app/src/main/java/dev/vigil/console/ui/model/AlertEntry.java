package dev.vigil.console.ui.model;

import dev.vigil.console.manager.api.Problem;
import dev.vigil.protocol.message.AlertState;
import dev.vigil.protocol.message.Severity;

/**
 * One line of the alert feed: one problem (an agent's rule from its first alert to its resolution),
 * with its acknowledgement and snooze; immutable (a change replaces the line in place).
 *
 * @param problemId the console's id for the problem, 0 for a notice that opened none
 * @param id the id of the problem's newest alert, which acknowledging takes
 * @param agentId the agent it is about
 * @param hostname that agent's host
 * @param severity how urgent
 * @param state firing or resolved
 * @param rule the rule's name
 * @param value the newest measured value
 * @param sinceMillis when it started
 * @param raisedAtMillis when its newest alert was raised
 * @param message the newest sentence
 * @param acknowledgedBy who acknowledged it, or empty
 * @param acknowledgedAtMillis when, or 0
 * @param snoozedBy who snoozed it, or empty
 * @param snoozedUntilMillis until when, or 0
 */
public record AlertEntry(
    long problemId,
    long id,
    String agentId,
    String hostname,
    Severity severity,
    AlertState state,
    String rule,
    double value,
    long sinceMillis,
    long raisedAtMillis,
    String message,
    String acknowledgedBy,
    long acknowledgedAtMillis,
    String snoozedBy,
    long snoozedUntilMillis) {

  static AlertEntry of(Problem p) {
    return new AlertEntry(
        p.id(),
        p.alertId(),
        p.agentId(),
        p.hostname(),
        p.severity(),
        p.state(),
        p.rule(),
        p.value(),
        p.sinceMillis(),
        p.updatedMillis(),
        p.message(),
        p.acknowledgedBy(),
        p.acknowledgedAtMillis(),
        p.snoozedBy(),
        p.snoozedUntilMillis());
  }

  /** Whether it is still firing. */
  public boolean active() {
    return state == AlertState.FIRING;
  }

  /** Whether a snooze covers it at {@code nowMillis}. */
  public boolean snoozedAt(long nowMillis) {
    return snoozedUntilMillis > nowMillis;
  }

  AlertEntry acknowledged(String who, long atMillis) {
    return new AlertEntry(
        problemId,
        id,
        agentId,
        hostname,
        severity,
        state,
        rule,
        value,
        sinceMillis,
        raisedAtMillis,
        message,
        who,
        atMillis,
        snoozedBy,
        snoozedUntilMillis);
  }
}
