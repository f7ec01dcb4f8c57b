package dev.vigil.protocol.message;

import dev.vigil.protocol.Protocol;

/**
 * The console's answer to a {@link Hello} from an agent it does not know and that brought no valid
 * token: the session stays open, carrying only heartbeats, until the operator approves (the console
 * then sends {@link Welcome}) or rejects (an {@link ErrorMessage} and close).
 *
 * @param agentFingerprint the agent's key as the console saw it, to compare on both screens
 * @param detail a sentence for the agent's log
 * @param heartbeatSeconds how often the agent must show life while it waits (the console closes a
 *     session silent for three); optional (null: consoles from before it was added, which expect
 *     the default {@value Protocol#DEFAULT_HEARTBEAT_SECONDS} s)
 */
public record Pending(String agentFingerprint, String detail, Integer heartbeatSeconds)
    implements ControlMessage {
  /** A pending answer without the heartbeat interval, as consoles before it was added send it. */
  public Pending(String agentFingerprint, String detail) {
    this(agentFingerprint, detail, null);
  }

  public Pending {
    Checks.text("agentFingerprint", agentFingerprint, 64);
    Checks.text("detail", detail, 1024);
    if (heartbeatSeconds != null && (heartbeatSeconds < 1 || heartbeatSeconds > 3600)) {
      throw new IllegalArgumentException(
          "heartbeatSeconds must be between 1 and 3600, got " + heartbeatSeconds);
    }
  }

  /** The interval the agent must heartbeat at while it waits. */
  public int heartbeatSecondsOrDefault() {
    return heartbeatSeconds == null ? Protocol.DEFAULT_HEARTBEAT_SECONDS : heartbeatSeconds;
  }
}
