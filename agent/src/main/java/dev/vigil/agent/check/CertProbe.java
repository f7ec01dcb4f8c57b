package dev.vigil.agent.check;

import dev.vigil.common.HostPort;
import dev.vigil.protocol.message.CheckMetric;
import dev.vigil.protocol.message.CheckStatus;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * Days until a certificate expires, read from a PEM file or from a TLS server's handshake (whoever
 * signed it: this check measures expiry, the {@code http} check judges trust); fewer than {@code
 * warn} days is a warning, fewer than {@code critical} (or expired) is critical.
 */
final class CertProbe implements Probe {
  static final Duration DEFAULT_WARN = Duration.ofDays(21);
  static final Duration DEFAULT_CRITICAL = Duration.ofDays(7);

  private final String target;
  private final Duration warn;
  private final Duration critical;

  CertProbe(CheckSpec spec) {
    this.target = spec.target();
    this.warn = CheckLine.duration(spec.options(), "warn", DEFAULT_WARN);
    this.critical = CheckLine.duration(spec.options(), "critical", DEFAULT_CRITICAL);
  }

  @Override
  public Outcome run(Duration timeout) {
    X509Certificate cert;
    try {
      cert = isFile() ? fromFile(Path.of(target)) : fromServer(HostPort.parse(target), timeout);
    } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
      return Outcome.of(
          CheckStatus.CRITICAL, "Certificate " + target + " cannot be read: " + e.getMessage());
    }
    double days = daysLeft(cert);
    CheckStatus status =
        days * 86_400_000 < critical.toMillis()
            ? CheckStatus.CRITICAL
            : days * 86_400_000 < warn.toMillis() ? CheckStatus.WARNING : CheckStatus.OK;
    String message =
        days < 0
            ? String.format(
                "Certificate %s expired %.1f days ago (%s)",
                target, -days, cert.getNotAfter().toInstant())
            : String.format(
                "Certificate %s expires in %.1f days (%s)",
                target, days, cert.getNotAfter().toInstant());
    return Outcome.of(status, message, new CheckMetric("days", days, "d"));
  }

  private boolean isFile() {
    return target.startsWith("/") || target.startsWith(".");
  }

  static double daysLeft(X509Certificate cert) {
    return (cert.getNotAfter().getTime() - System.currentTimeMillis()) / 86_400_000.0;
  }

  private static X509Certificate fromFile(Path file) throws IOException, GeneralSecurityException {
    try (InputStream in = Files.newInputStream(file)) {
      return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
    }
  }

  private static X509Certificate fromServer(HostPort where, Duration timeout)
      throws IOException, GeneralSecurityException {
    SSLContext tls = SSLContext.getInstance("TLS");
    tls.init(null, new TrustManager[] {new AnyCertificate()}, null);
    try (SSLSocket socket = (SSLSocket) tls.getSocketFactory().createSocket()) {
      socket.connect(new InetSocketAddress(where.host(), where.port()), (int) timeout.toMillis());
      socket.setSoTimeout((int) timeout.toMillis());
      socket.startHandshake();
      return (X509Certificate) socket.getSession().getPeerCertificates()[0];
    }
  }

  /** Accepts any chain: this check reads an expiry date and sends nothing over the connection. */
  private static final class AnyCertificate implements X509TrustManager {
    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }
}
