package dev.vigil.swarm;

import dev.vigil.protocol.tls.Fingerprint;
import dev.vigil.protocol.tls.TlsContexts;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * One TLS 1.3 client context for the whole swarm: each connection presents the key of the agent
 * whose name it was opened with ({@code sim-INDEX} as the peer host), so ten thousand agents share
 * one context, one session cache and one trust decision instead of ten thousand of each. The
 * console's key is pinned, or trusted on first use when no pin is given. Thread-safe.
 */
final class SwarmTls {
  private static final String PREFIX = "sim-";

  private final List<SimIdentity> identities;
  private final AtomicReference<Fingerprint> pin;
  private final SSLContext context;

  SwarmTls(List<SimIdentity> identities, Fingerprint consolePin) {
    this.identities = identities;
    this.pin = new AtomicReference<>(consolePin);
    try {
      context = SSLContext.getInstance(TlsContexts.PROTOCOL);
      context.init(
          new KeyManager[] {new KeyManager()},
          new TrustManager[] {TlsContexts.trustManager(this::checkConsole)},
          null);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("this JDK cannot set up TLS 1.3: " + e.getMessage(), e);
    }
  }

  /** The console's key must be the pinned one, or becomes the pin when none was given. */
  private void checkConsole(Fingerprint presented) throws CertificateException {
    Fingerprint expected = pin.updateAndGet(p -> p == null ? presented : p);
    if (!expected.equals(presented)) {
      throw new CertificateException(
          "the console presented key " + presented + " but the swarm is pinned to " + expected);
    }
  }

  /**
   * The peer name a connection of agent {@code index} is opened with; it selects the agent's key.
   */
  static String peerName(int index) {
    return PREFIX + index;
  }

  /** The context every simulated agent's session client shakes hands with. */
  SSLContext context() {
    return context;
  }

  /** The console's key, pinned or first seen; null before the first handshake without a pin. */
  Fingerprint consolePin() {
    return pin.get();
  }

  private SimIdentity identity(String alias) {
    if (alias == null || !alias.startsWith(PREFIX)) {
      return null;
    }
    try {
      int i = Integer.parseInt(alias, PREFIX.length(), alias.length(), 10);
      return i >= 0 && i < identities.size() ? identities.get(i) : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** Picks the agent's key by the peer name its socket was opened with. */
  private final class KeyManager extends X509ExtendedKeyManager {
    @Override
    public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
      if (socket instanceof SSLSocket ssl && ssl.getHandshakeSession() != null) {
        String alias = ssl.getHandshakeSession().getPeerHost();
        if (identity(alias) != null && List.of(keyType).contains("EC")) {
          return alias;
        }
      }
      return null;
    }

    @Override
    public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine e) {
      String alias = e.getPeerHost();
      return identity(alias) != null && List.of(keyType).contains("EC") ? alias : null;
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
      SimIdentity id = identity(alias);
      return id == null ? null : new X509Certificate[] {id.certificate()};
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
      SimIdentity id = identity(alias);
      return id == null ? null : id.privateKey();
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
      return null;
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
      return null;
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
      return null;
    }
  }
}
