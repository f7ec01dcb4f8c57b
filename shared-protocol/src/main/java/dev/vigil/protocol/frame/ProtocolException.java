package dev.vigil.protocol.frame;

import dev.vigil.protocol.message.ErrorCode;
import dev.vigil.protocol.message.ErrorMessage;
import java.io.IOException;

/**
 * A peer sent something the protocol does not allow; the session that received it answers with an
 * {@link ErrorMessage} and closes, and nothing else is affected.
 */
public final class ProtocolException extends IOException {
  private static final long serialVersionUID = 1L;

  private final ErrorCode code;

  public ProtocolException(ErrorCode code, String message) {
    super(message);
    this.code = code;
  }

  public ProtocolException(ErrorCode code, String message, Throwable cause) {
    super(message, cause);
    this.code = code;
  }

  /** The code to send to the peer. */
  public ErrorCode code() {
    return code;
  }
}
