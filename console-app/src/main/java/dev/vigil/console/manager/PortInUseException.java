package dev.vigil.console.manager;

import java.io.IOException;

/** A listener's port is taken; the message says which, by whom, and what to do. */
public final class PortInUseException extends IOException {
  private static final long serialVersionUID = 1L;

  PortInUseException(String message, Throwable cause) {
    super(message, cause);
  }

  /** The sentence for a port that could not be bound, naming its holder where it can be found. */
  static PortInUseException of(
      String what, String bindAddress, int port, String option, IOException cause) {
    String holder =
        PortGuard.holder(what, port)
            .map(h -> " by " + h + (h.isVigilConsole() ? ", another Vigil console" : ""))
            .orElse("");
    return new PortInUseException(
        what
            + " port "
            + port
            + " on "
            + bindAddress
            + " is already in use"
            + holder
            + "; stop it or choose another port with "
            + option
            + " (0 picks a free port)",
        cause);
  }
}
