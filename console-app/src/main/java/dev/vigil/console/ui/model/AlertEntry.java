package dev.vigil.console.ui.model;

import dev.vigil.console.manager.api.AlertEvent;
import dev.vigil.protocol.message.AlertState;
import dev.vigil.protocol.message.Severity;

/**
 * One line of the alert feed; immutable (an acknowledgement replaces the line).
 *
 * @param id the console's id for the alert
 * @param agentId the agent that raised it
 * @param hostname that agent's host
 * @param severity how urgent
 * @param state firing or resolved
 * @param rule the rule's name
 * @param value the measured value
 * @param raisedAtMillis when the agent raised it
 * @param message the agent's sentence
 * @param acknowledgedBy who acknowledged it, or empty
 */
public record AlertEntry(
    long id,
    String agentId,
    String hostname,
    Severity severity,
    AlertState state,
    String rule,
    double value,
    long raisedAtMillis,
    String message,
    String acknowledgedBy) {

  static AlertEntry of(AlertEvent e) {
    return new AlertEntry(
        e.id(),
        e.agentId(),
        e.hostname(),
        e.alert().severity(),
        e.alert().state(),
        e.alert().rule(),
        e.alert().value(),
        e.alert().raisedAtMillis(),
        e.alert().message(),
        "");
  }

  AlertEntry acknowledged(String who) {
    return new AlertEntry(
        id, agentId, hostname, severity, state, rule, value, raisedAtMillis, message, who);
  }
}
