package dev.vigil.protocol.message;

/**
 * Proof of life, sent by either side when it has sent nothing else for a heartbeat interval.
 *
 * @param sentAtMillis the sender's clock, in milliseconds since the epoch
 */
public record Heartbeat(long sentAtMillis) implements ControlMessage {
  public Heartbeat {
    Checks.notNegative("sentAtMillis", sentAtMillis);
  }
}
