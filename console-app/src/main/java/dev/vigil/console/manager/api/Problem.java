package dev.vigil.console.manager.api;

import dev.vigil.protocol.message.AlertState;
import dev.vigil.protocol.message.Severity;

/**
 * One problem: an agent's rule firing, from its first alert to its resolution, whatever alerts came
 * between (a change of severity, the same alert again after the agent restarted). The history keeps
 * each of those alerts; this is the one line an operator follows. Immutable.
 *
 * @param id the console's number for the problem
 * @param agentId the agent it is about (or {@code console} for the console's own)
 * @param hostname that agent's host name
 * @param rule the rule that fires
 * @param severity its severity now
 * @param state {@link AlertState#FIRING} while active, {@link AlertState#RESOLVED} once over
 * @param sinceMillis when its first alert was raised
 * @param updatedMillis when its newest alert was raised (or it was ended)
 * @param value the newest measured value
 * @param message the newest alert's sentence, or why the problem ended
 * @param alertId the newest alert's id in the history: what acknowledging takes
 * @param acknowledgedBy who acknowledged it, or empty
 * @param acknowledgedAtMillis when, or 0
 * @param snoozedBy who snoozed it, or empty
 * @param snoozedUntilMillis until when its alerts do not pop up, or 0
 */
public record Problem(
    long id,
    String agentId,
    String hostname,
    String rule,
    Severity severity,
    AlertState state,
    long sinceMillis,
    long updatedMillis,
    double value,
    String message,
    long alertId,
    String acknowledgedBy,
    long acknowledgedAtMillis,
    String snoozedBy,
    long snoozedUntilMillis) {

  public Problem {
    acknowledgedBy = acknowledgedBy == null ? "" : acknowledgedBy;
    snoozedBy = snoozedBy == null ? "" : snoozedBy;
  }

  /** The key a problem is known by: one active problem per agent and rule. */
  public static String key(String agentId, String rule) {
    return agentId + "/" + rule;
  }

  /** This problem's {@link #key(String, String)}. */
  public String key() {
    return key(agentId, rule);
  }

  /** Whether it is still firing. */
  public boolean active() {
    return state == AlertState.FIRING;
  }

  /** Whether someone acknowledged it. */
  public boolean acknowledged() {
    return !acknowledgedBy.isEmpty();
  }

  /** Whether a snooze covers it at {@code nowMillis}. */
  public boolean snoozedAt(long nowMillis) {
    return snoozedUntilMillis > nowMillis;
  }

  /** The same problem after a newer alert of it. */
  public Problem updated(AlertEvent e, AlertState newState) {
    return new Problem(
        id,
        agentId,
        e.hostname(),
        rule,
        newState == AlertState.RESOLVED ? severity : e.alert().severity(),
        newState,
        sinceMillis,
        e.alert().raisedAtMillis(),
        e.alert().value(),
        e.alert().message(),
        e.id(),
        acknowledgedBy,
        acknowledgedAtMillis,
        snoozedBy,
        snoozedUntilMillis);
  }

  /** The same problem ended by the console (its agent was forgotten), with why. */
  public Problem ended(long atMillis, String why) {
    return new Problem(
        id,
        agentId,
        hostname,
        rule,
        severity,
        AlertState.RESOLVED,
        sinceMillis,
        atMillis,
        value,
        why,
        alertId,
        acknowledgedBy,
        acknowledgedAtMillis,
        snoozedBy,
        snoozedUntilMillis);
  }

  /** The same problem, acknowledged. */
  public Problem acknowledgedBy(String who, long atMillis) {
    return new Problem(
        id,
        agentId,
        hostname,
        rule,
        severity,
        state,
        sinceMillis,
        updatedMillis,
        value,
        message,
        alertId,
        who,
        atMillis,
        snoozedBy,
        snoozedUntilMillis);
  }

  /**
   * The same problem without its acknowledgement, as an escalation leaves it: the acknowledgement
   * was given to a lesser problem (Icinga's non-sticky acknowledgement). The history keeps it.
   */
  public Problem unacknowledged() {
    return acknowledgedBy("", 0);
  }

  /** The same problem, snoozed. */
  public Problem snoozedBy(String who, long untilMillis) {
    return new Problem(
        id,
        agentId,
        hostname,
        rule,
        severity,
        state,
        sinceMillis,
        updatedMillis,
        value,
        message,
        alertId,
        acknowledgedBy,
        acknowledgedAtMillis,
        who,
        untilMillis);
  }

  /** The same problem under the id the store gave it. */
  public Problem withId(long newId) {
    return new Problem(
        newId,
        agentId,
        hostname,
        rule,
        severity,
        state,
        sinceMillis,
        updatedMillis,
        value,
        message,
        alertId,
        acknowledgedBy,
        acknowledgedAtMillis,
        snoozedBy,
        snoozedUntilMillis);
  }
}
