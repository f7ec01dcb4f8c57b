package dev.vigil.console.manager.trust;

import java.time.Duration;

/**
 * What peers the console has not admitted may hold of it: agents waiting for approval (overall and
 * per source address, and for how long), and sessions open but not admitted (handshaking, or
 * waiting for the operator). Immutable.
 *
 * @param pendingAgents agents waiting for approval, at most; a new one beyond is refused, not
 *     stored
 * @param pendingPerAddress agents waiting for approval from one source address, at most
 * @param pendingExpiry a pending agent the operator has not approved or rejected this long after it
 *     first connected is forgotten (it may connect again and wait again)
 * @param unadmittedSessions connections open but not admitted, at most; one more is closed at once
 */
public record UnauthenticatedLimits(
    int pendingAgents, int pendingPerAddress, Duration pendingExpiry, int unadmittedSessions) {

  /** The defaults, as docs/reliability.md lists them. */
  public static final UnauthenticatedLimits DEFAULTS =
      new UnauthenticatedLimits(1000, 20, Duration.ofHours(24), 2048);

  public UnauthenticatedLimits {
    if (pendingAgents < 1 || pendingPerAddress < 1 || unadmittedSessions < 1) {
      throw new IllegalArgumentException(
          "the limits on pending agents and unadmitted sessions must be at least 1");
    }
    if (pendingExpiry.compareTo(Duration.ofMinutes(1)) < 0) {
      throw new IllegalArgumentException("pending agents must be kept at least one minute");
    }
  }
}
