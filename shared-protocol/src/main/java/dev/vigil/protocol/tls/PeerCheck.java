package dev.vigil.protocol.tls;

import java.security.cert.CertificateException;

/**
 * Decides during the TLS handshake whether the peer's key is acceptable. Throwing aborts the
 * handshake; the exception's message is what the operator reads, so it names both fingerprints.
 */
@FunctionalInterface
public interface PeerCheck {
  /** Accepts every well-formed key; the application decides after the handshake. */
  PeerCheck ANY = presented -> {};

  /** Throws when the presented key must not be trusted. */
  void check(Fingerprint presented) throws CertificateException;

  /** Accepts only the pinned key. */
  static PeerCheck pinned(Fingerprint pin, String peerName, String howToFix) {
    return presented -> {
      if (!presented.equals(pin)) {
        throw new CertificateException(
            peerName
                + " presented key "
                + presented
                + " but is pinned to "
                + pin
                + ". "
                + howToFix);
      }
    };
  }
}
