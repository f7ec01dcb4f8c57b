package dev.vigil.protocol.message;

/**
 * Tells the peer why its last frame was refused; the sender closes the connection after it when the
 * error is fatal.
 *
 * @param code a stable machine-readable code, see {@link ErrorCode}
 * @param detail a sentence for the operator
 */
public record ErrorMessage(ErrorCode code, String detail) implements ControlMessage {
  public ErrorMessage {
    Checks.present("code", code);
    Checks.text("detail", detail, 1024);
  }
}
