package dev.vigil.console.manager.api;

/**
 * What the alert datagram listener has seen since start.
 *
 * @param accepted datagrams that authenticated and carried a new counter
 * @param malformed wrong size, magic, version or content
 * @param unknownAgent no session key for the agent id
 * @param forged the authentication tag failed
 * @param replayed the counter was seen before or is too old
 */
public record UdpCounters(
    long accepted, long malformed, long unknownAgent, long forged, long replayed) {
  /** Every dropped datagram. */
  public long dropped() {
    return malformed + unknownAgent + forged + replayed;
  }
}
