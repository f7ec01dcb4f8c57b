package dev.vigil.protocol.message;

/**
 * The console has stored the agent's alert or command result with this outbox sequence; the agent
 * may forget it.
 *
 * @param sequence the acknowledged sequence
 */
public record Ack(long sequence) implements ConsoleMessage {
  public Ack {
    if (sequence < 1) {
      throw new IllegalArgumentException("sequence must be at least 1");
    }
  }
}
