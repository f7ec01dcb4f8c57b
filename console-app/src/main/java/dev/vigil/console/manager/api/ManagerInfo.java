package dev.vigil.console.manager.api;

import java.net.InetSocketAddress;
import java.util.Optional;

/**
 * What a face shows about the manager itself: its key, its listeners and what it turned away.
 *
 * @param version the manager's version
 * @param fingerprint its key fingerprint ({@code SHA256:…}), or null in insecure mode
 * @param agentListener where agents dial in (TCP)
 * @param alertListener where alert datagrams arrive (UDP)
 * @param metricsListener the Prometheus endpoint, or null when it does not run
 * @param datagrams what the datagram listener accepted and dropped
 * @param sessions what the agent listener refused, closed or turned away
 * @param operatorListener the operator channel, where remote consoles connect, or null when it does
 *     not run
 */
public record ManagerInfo(
    String version,
    String fingerprint,
    InetSocketAddress agentListener,
    InetSocketAddress alertListener,
    InetSocketAddress metricsListener,
    UdpCounters datagrams,
    SessionCounters sessions,
    InetSocketAddress operatorListener) {

  /** The key fingerprint, or empty in insecure mode. */
  public Optional<String> keyFingerprint() {
    return Optional.ofNullable(fingerprint);
  }

  /** Whether agent sessions run without TLS. */
  public boolean insecure() {
    return fingerprint == null;
  }

  /**
   * Counters of the agent listener.
   *
   * @param open sessions open now
   * @param refused sessions closed for breaking the protocol
   * @param silent sessions closed because the peer was silent for three heartbeat intervals
   * @param turnedAway connections closed before their TLS handshake because every turn was taken
   * @param handshakeTurns how many TLS handshakes run at once
   * @param unapprovedFrames frames dropped because their agent is not approved
   */
  public record SessionCounters(
      int open,
      long refused,
      long silent,
      long turnedAway,
      int handshakeTurns,
      long unapprovedFrames) {}
}
