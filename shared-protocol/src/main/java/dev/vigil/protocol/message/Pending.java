package dev.vigil.protocol.message;

/**
 * The console's answer to a {@link Hello} from an agent it does not know and that brought no valid
 * token: the session stays open, carrying only heartbeats, until the operator approves (the console
 * then sends {@link Welcome}) or rejects (an {@link ErrorMessage} and close).
 *
 * @param agentFingerprint the agent's key as the console saw it, to compare on both screens
 * @param detail a sentence for the agent's log
 */
public record Pending(String agentFingerprint, String detail) implements ControlMessage {
  public Pending {
    Checks.text("agentFingerprint", agentFingerprint, 64);
    Checks.text("detail", detail, 1024);
  }
}
