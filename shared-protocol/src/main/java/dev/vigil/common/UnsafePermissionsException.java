package dev.vigil.common;

import java.io.IOException;

/**
 * A key file others may read, or a data directory others may write: its message names the file and
 * the {@code chmod} that fixes it, and a program refuses to start on it with exit code 2.
 */
public final class UnsafePermissionsException extends IOException {
  private static final long serialVersionUID = 1L;

  UnsafePermissionsException(String message) {
    super(message);
  }
}
