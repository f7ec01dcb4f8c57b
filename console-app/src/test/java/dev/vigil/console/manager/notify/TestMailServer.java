package dev.vigil.console.manager.notify;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.DummySSLServerSocketFactory;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * GreenMail on loopback for the email channel's tests: plain SMTP, SMTPS, and STARTTLS through
 * {@link StartTlsFront}, with the user {@code vigil}. The certificate is made once per test JVM:
 * GreenMail reads its key store once, at its first TLS server.
 */
final class TestMailServer implements AutoCloseable {
  static final String USER = "vigil";
  static final String PASSWORD = "s3cret-pw";
  private static LoopbackCertificate certificate;

  final GreenMail mail;
  final StartTlsFront front;

  private TestMailServer(GreenMail mail, StartTlsFront front) {
    this.mail = mail;
    this.front = front;
  }

  /** The certificate every test mail server presents, as a PEM file for {@code trust}. */
  static synchronized LoopbackCertificate certificate() {
    if (certificate == null) {
      try {
        Path dir = Files.createTempDirectory("vigil-mail-cert");
        dir.toFile().deleteOnExit();
        certificate = LoopbackCertificate.create(dir, "mail-test");
        certificate.pem().toFile().deleteOnExit();
        certificate.keyStore().toFile().deleteOnExit();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      System.setProperty(
          DummySSLServerSocketFactory.GREENMAIL_KEYSTORE_FILE_PROPERTY,
          certificate.keyStore().toString());
      System.setProperty(
          DummySSLServerSocketFactory.GREENMAIL_KEYSTORE_PASSWORD_PROPERTY,
          LoopbackCertificate.PASSWORD);
      System.setProperty(
          DummySSLServerSocketFactory.GREENMAIL_KEY_PASSWORD_PROPERTY,
          LoopbackCertificate.PASSWORD);
    }
    return certificate;
  }

  static TestMailServer start() throws IOException {
    LoopbackCertificate cert = certificate();
    GreenMail mail =
        new GreenMail(
                new ServerSetup[] {
                  new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort(),
                  new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTPS).dynamicPort()
                })
            .withConfiguration(
                GreenMailConfiguration.aConfig().withUser("vigil@example.com", USER, PASSWORD));
    mail.start();
    try {
      return new TestMailServer(
          mail, new StartTlsFront(cert.serverContext(), mail.getSmtp().getPort()));
    } catch (IOException e) {
      mail.stop();
      throw e;
    }
  }

  int plainPort() {
    return mail.getSmtp().getPort();
  }

  int smtpsPort() {
    return mail.getSmtps().getPort();
  }

  int startTlsPort() {
    return front.port();
  }

  @Override
  public void close() throws IOException {
    front.close();
    mail.stop();
  }
}
