package dev.vigil.protocol.datagram;

/** An alert datagram was refused; the reason says which counter it goes to. */
public final class DatagramException extends Exception {
  private static final long serialVersionUID = 1L;

  /** Why a datagram was dropped. */
  public enum Reason {
    /** Too short, too long, wrong magic or version. */
    MALFORMED,
    /** The agent id names no agent with a session key. */
    UNKNOWN_AGENT,
    /** The AEAD tag did not verify: forged, corrupted or sealed under another key. */
    FORGED,
    /** The counter was seen before or is older than the replay window. */
    REPLAYED
  }

  private final Reason reason;

  public DatagramException(Reason reason, String message) {
    super(message);
    this.reason = reason;
  }

  /** Why the datagram was dropped. */
  public Reason reason() {
    return reason;
  }
}
