package dev.vigil.console.manager;

import java.io.IOException;
import java.util.OptionalLong;

/** Another console holds the data directory; the message names its PID when known. */
public final class DataDirInUseException extends IOException {
  private static final long serialVersionUID = 1L;
  private final transient OptionalLong pid;

  DataDirInUseException(String message, OptionalLong pid) {
    super(message);
    this.pid = pid;
  }

  /** The PID of the console holding the directory, if it is recorded. */
  public OptionalLong pid() {
    return pid;
  }
}
