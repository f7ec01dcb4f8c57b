package dev.vigil.protocol;

/**
 * The console has stored the agent's alert with this sequence; the agent may forget it.
 *
 * @param sequence the acknowledged alert sequence
 */
public record AlertAck(long sequence) implements ConsoleMessage {
  public AlertAck {
    if (sequence < 1) {
      throw new IllegalArgumentException("sequence must be at least 1");
    }
  }
}
