package dev.vigil.protocol.message;

/**
 * An alert event raised by an agent's rule; sent as a datagram (fast path) and over the session
 * (guaranteed path, acknowledged by {@link Ack}). The console de-duplicates by agent and sequence.
 *
 * @param sequence the agent's outbox sequence, strictly increasing, shared with command results
 * @param rule the rule's name, for example {@code cpu}
 * @param severity how urgent
 * @param state firing or resolved
 * @param value the measured value that crossed the line
 * @param threshold the line
 * @param raisedAtMillis when the agent raised it, milliseconds since the epoch
 * @param message a sentence for the operator
 */
public record AlertReport(
    long sequence,
    String rule,
    Severity severity,
    AlertState state,
    double value,
    double threshold,
    long raisedAtMillis,
    String message)
    implements AgentMessage {
  public AlertReport {
    if (sequence < 1) {
      throw new IllegalArgumentException("sequence must be at least 1");
    }
    Checks.name("rule", rule);
    Checks.present("severity", severity);
    Checks.present("state", state);
    Checks.finite("value", value);
    Checks.finite("threshold", threshold);
    Checks.notNegative("raisedAtMillis", raisedAtMillis);
    Checks.printable("message", message, 512);
  }
}
