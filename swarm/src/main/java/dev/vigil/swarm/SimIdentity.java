package dev.vigil.swarm;

import dev.vigil.protocol.tls.Fingerprint;
import dev.vigil.protocol.tls.TlsIdentity;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.UUID;

/**
 * One simulated agent's identity: its id, EC P-256 key and self-signed certificate, as a real agent
 * keeps in its data directory. Immutable.
 *
 * @param agentId the agent's stable id
 * @param privateKey its private key
 * @param certificate its self-signed certificate
 * @param fingerprint the key's pin, as the console sees it
 */
public record SimIdentity(
    UUID agentId, PrivateKey privateKey, X509Certificate certificate, Fingerprint fingerprint) {

  /** A fresh identity, made in memory the way a real agent makes one on first start. */
  public static SimIdentity create(int index) {
    UUID id = UUID.randomUUID();
    TlsIdentity tls = TlsIdentity.create("vigil-agent sim-" + index);
    return new SimIdentity(id, tls.privateKey(), tls.certificate(), tls.fingerprint());
  }
}
