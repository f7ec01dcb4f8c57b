package dev.vigil.console.ui;

import dev.vigil.console.manager.AlertEvent;
import dev.vigil.protocol.AlertState;
import dev.vigil.protocol.Severity;

/**
 * One line of the alert feed; immutable.
 *
 * @param agentId the agent that raised it
 * @param hostname that agent's host
 * @param severity how urgent
 * @param state firing or resolved
 * @param rule the rule's name
 * @param value the measured value
 * @param raisedAtMillis when the agent raised it
 * @param message the agent's sentence
 */
public record AlertEntry(
    String agentId,
    String hostname,
    Severity severity,
    AlertState state,
    String rule,
    double value,
    long raisedAtMillis,
    String message) {

  static AlertEntry of(AlertEvent e) {
    return new AlertEntry(
        e.agentId(),
        e.hostname(),
        e.alert().severity(),
        e.alert().state(),
        e.alert().rule(),
        e.alert().value(),
        e.alert().raisedAtMillis(),
        e.alert().message());
  }
}
