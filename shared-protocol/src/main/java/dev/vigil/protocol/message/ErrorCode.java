package dev.vigil.protocol.message;

/** The reasons a peer refuses a frame or a session, as they appear on the wire. */
public enum ErrorCode {
  /** The frame's length, JSON or fields were not acceptable. */
  MALFORMED_FRAME,
  /** The message type is not in the registry. */
  UNKNOWN_TYPE,
  /** The peer's protocol version is not one this side speaks. */
  UNSUPPORTED_VERSION,
  /** The message is valid but not allowed in the session's current state. */
  UNEXPECTED_MESSAGE,
  /** The peer is not allowed in. */
  NOT_AUTHORIZED,
  /** The peer stayed silent for longer than three heartbeat intervals. */
  TIMEOUT
}
