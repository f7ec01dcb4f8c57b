package dev.vigil.protocol.tls;

import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Optional;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * TLS 1.3 only, both sides authenticated by their own self-signed certificates, trust decided by
 * key fingerprint ({@link PeerCheck}) instead of a certificate authority. Stateless.
 */
public final class TlsContexts {
  /** The only protocol Vigil speaks over TCP. */
  public static final String PROTOCOL = "TLSv1.3";

  private TlsContexts() {}

  /** A context that presents {@code identity} and trusts peers that pass {@code check}. */
  public static SSLContext create(TlsIdentity identity, PeerCheck check) {
    try {
      KeyStore keys = KeyStore.getInstance("PKCS12");
      keys.load(null, null);
      char[] password = new char[0];
      keys.setKeyEntry(
          "vigil", identity.privateKey(), password, new X509Certificate[] {identity.certificate()});
      KeyManagerFactory kmf =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(keys, password);
      SSLContext context = SSLContext.getInstance(PROTOCOL);
      context.init(kmf.getKeyManagers(), new TrustManager[] {new PinningTrustManager(check)}, null);
      return context;
    } catch (GeneralSecurityException | java.io.IOException e) {
      throw new IllegalStateException("this JDK cannot set up TLS 1.3: " + e.getMessage(), e);
    }
  }

  /** Restricts a connection to TLS 1.3; a server side also requires a client certificate. */
  public static void configure(SSLSocket socket) {
    SSLParameters params = socket.getSSLParameters();
    params.setProtocols(new String[] {PROTOCOL});
    params.setEndpointIdentificationAlgorithm(null); // keys are pinned; names are not checked
    if (!socket.getUseClientMode()) {
      params.setNeedClientAuth(true);
    }
    socket.setSSLParameters(params);
  }

  /**
   * The trust decision every Vigil context uses: a single self-signed, currently valid certificate
   * whose key passes {@code check}. For contexts that choose their keys themselves (the swarm).
   */
  public static X509ExtendedTrustManager trustManager(PeerCheck check) {
    return new PinningTrustManager(check);
  }

  /** The fingerprint of the key the peer authenticated with, if the handshake completed. */
  public static Optional<Fingerprint> peerFingerprint(SSLSession session) {
    try {
      var chain = session.getPeerCertificates();
      return chain.length == 0 ? Optional.empty() : Optional.of(Fingerprint.of(chain[0]));
    } catch (SSLPeerUnverifiedException e) {
      return Optional.empty();
    }
  }

  /** Accepts a single self-signed, currently valid certificate whose key passes the check. */
  private static final class PinningTrustManager extends X509ExtendedTrustManager {
    private final PeerCheck check;

    PinningTrustManager(PeerCheck check) {
      this.check = check;
    }

    private void verify(X509Certificate[] chain) throws CertificateException {
      if (chain == null || chain.length == 0) {
        throw new CertificateException("the peer presented no certificate");
      }
      X509Certificate cert = chain[0];
      cert.checkValidity();
      try {
        cert.verify(cert.getPublicKey());
      } catch (GeneralSecurityException e) {
        throw new CertificateException(
            "the peer's certificate is not self-signed by its own key", e);
      }
      check.check(Fingerprint.of(cert));
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType)
        throws CertificateException {
      verify(chain);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType)
        throws CertificateException {
      verify(chain);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
        throws CertificateException {
      verify(chain);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
        throws CertificateException {
      verify(chain);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
        throws CertificateException {
      verify(chain);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
        throws CertificateException {
      verify(chain);
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }
}
