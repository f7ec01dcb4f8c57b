package dev.vigil.protocol.message;

/**
 * The console's answer to {@link Hello}: the session is open.
 *
 * @param protocolVersion the version both sides will speak from now on
 * @param consoleId the console's identity
 * @param heartbeatSeconds how often each side sends at least one frame; silence for three intervals
 *     closes the session
 * @param alertPort the console's UDP port for alert datagrams, or 0 when it has none
 * @param alertKey the base64 of the 32-byte key this agent seals its alert datagrams with
 */
public record Welcome(
    int protocolVersion, String consoleId, int heartbeatSeconds, int alertPort, String alertKey)
    implements ControlMessage {
  public Welcome {
    if (protocolVersion < 1) {
      throw new IllegalArgumentException("protocolVersion must be at least 1");
    }
    Checks.text("consoleId", consoleId, 64);
    if (heartbeatSeconds < 1 || heartbeatSeconds > 3600) {
      throw new IllegalArgumentException("heartbeatSeconds must be between 1 and 3600");
    }
    if (alertPort < 0 || alertPort > 65535) {
      throw new IllegalArgumentException("alertPort must be between 0 and 65535");
    }
    Checks.text("alertKey", alertKey, 64);
  }
}
