package dev.vigil.console.manager.notify;

import dev.vigil.common.config.ConfigException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A channel's {@code trust = FILE} key: the PEM certificates (a private CA, or a server's own
 * self-signed certificate) that a mail server or Alertmanager is trusted by instead of the JDK's CA
 * list. Host names are still checked against the certificate.
 */
public final class TrustFile {
  private TrustFile() {}

  /**
   * The TLS context trusting only the certificates in the file the key names, or empty when the key
   * is not written (then the JDK's CA list applies).
   *
   * @throws ConfigException naming the file, line and key when the file cannot be read or holds no
   *     certificate
   */
  public static Optional<SSLContext> from(ChannelSettings settings, String key)
      throws ConfigException {
    Optional<String> file = settings.optional(key);
    if (file.isEmpty()) {
      return Optional.empty();
    }
    Path path = Path.of(file.get().trim());
    Collection<? extends Certificate> certificates;
    try (InputStream in = Files.newInputStream(path)) {
      certificates = CertificateFactory.getInstance("X.509").generateCertificates(in);
    } catch (NoSuchFileException e) {
      throw settings.error(key, "the file " + path + " does not exist");
    } catch (IOException e) {
      throw settings.error(key, "the file " + path + " cannot be read: " + e.getMessage());
    } catch (CertificateException e) {
      throw settings.error(key, "the file " + path + " holds no PEM certificate");
    }
    if (certificates.isEmpty()) {
      throw settings.error(key, "the file " + path + " holds no PEM certificate");
    }
    try {
      KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
      store.load(null, null);
      int i = 0;
      for (Certificate c : certificates) {
        store.setCertificateEntry("trusted-" + i++, c);
      }
      TrustManagerFactory tmf =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(store);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, tmf.getTrustManagers(), null);
      return Optional.of(context);
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("this JDK cannot build a TLS context", e);
    }
  }
}
