package dev.vigil.console.manager;

import java.io.IOException;

/** A listener's port is taken; the message says which and what to do. */
public final class PortInUseException extends IOException {
  private static final long serialVersionUID = 1L;

  PortInUseException(String message, Throwable cause) {
    super(message, cause);
  }
}
