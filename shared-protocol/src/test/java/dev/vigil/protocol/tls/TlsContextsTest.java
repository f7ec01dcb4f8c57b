package dev.vigil.protocol.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class TlsContextsTest {
  private static final TlsIdentity SERVER = TlsIdentity.create("server");
  private static final TlsIdentity CLIENT = TlsIdentity.create("client");

  /** Runs one handshake; returns the fingerprint the server saw, or throws the client's failure. */
  private static Fingerprint handshake(
      SSLContext serverContext, SSLContext clientContext, String... clientProtocols)
      throws Exception {
    try (SSLServerSocket server =
        (SSLServerSocket)
            serverContext
                .getServerSocketFactory()
                .createServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      CompletableFuture<Fingerprint> seen =
          CompletableFuture.supplyAsync(
              () -> {
                try (SSLSocket s = (SSLSocket) server.accept()) {
                  TlsContexts.configure(s); // as the console does with each accepted connection
                  s.setSoTimeout(10_000);
                  s.startHandshake();
                  return TlsContexts.peerFingerprint(s.getSession()).orElseThrow();
                } catch (IOException e) {
                  throw new RuntimeException(e);
                }
              });
      try (SSLSocket client =
          (SSLSocket)
              clientContext
                  .getSocketFactory()
                  .createSocket(InetAddress.getLoopbackAddress(), server.getLocalPort())) {
        TlsContexts.configure(client);
        if (clientProtocols.length > 0) {
          client.setEnabledProtocols(clientProtocols);
        }
        client.setSoTimeout(10_000);
        client.startHandshake();
        client
            .getOutputStream()
            .write(1); // the server's verdict on our certificate arrives after ours
        client.getInputStream().read();
      }
      return seen.get(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void bothSidesAuthenticateAndThePinnedKeyIsAccepted() throws Exception {
    SSLContext server = TlsContexts.create(SERVER, PeerCheck.ANY);
    SSLContext client =
        TlsContexts.create(CLIENT, PeerCheck.pinned(SERVER.fingerprint(), "the console", "fix it"));
    assertThat(handshake(server, client)).isEqualTo(CLIENT.fingerprint());
  }

  @Test
  void aChangedKeyIsRefusedNamingBothFingerprints() {
    TlsIdentity impostor = TlsIdentity.create("impostor");
    SSLContext server = TlsContexts.create(impostor, PeerCheck.ANY);
    SSLContext client =
        TlsContexts.create(
            CLIENT, PeerCheck.pinned(SERVER.fingerprint(), "The console", "Re-enroll."));
    assertThatThrownBy(() -> handshake(server, client))
        .isInstanceOf(SSLHandshakeException.class)
        .hasStackTraceContaining(impostor.fingerprint().value())
        .hasStackTraceContaining(SERVER.fingerprint().value());
  }

  @Test
  void aClientWithoutACertificateIsRefused() throws Exception {
    SSLContext server = TlsContexts.create(SERVER, PeerCheck.ANY);
    SSLContext anonymous = SSLContext.getInstance("TLSv1.3");
    anonymous.init(null, new javax.net.ssl.TrustManager[] {trustAll()}, null);
    assertThatThrownBy(() -> handshake(server, anonymous)).isInstanceOf(IOException.class);
  }

  @Test
  void aTls12OnlyClientIsRefused() throws Exception {
    SSLContext server = TlsContexts.create(SERVER, PeerCheck.ANY);
    SSLContext client = TlsContexts.create(CLIENT, PeerCheck.ANY);
    assertThatThrownBy(() -> handshake(server, client, "TLSv1.2")).isInstanceOf(IOException.class);
  }

  @Test
  void theIdentityIsCreatedOnceAndReadableByItsOwnerOnly(@TempDir Path dir) throws Exception {
    TlsIdentity first = TlsIdentity.loadOrCreate(dir.resolve("data"), "agent");
    TlsIdentity again = TlsIdentity.loadOrCreate(dir.resolve("data"), "agent");
    assertThat(again.fingerprint()).isEqualTo(first.fingerprint());
    assertThat(
            PosixFilePermissions.toString(
                Files.getPosixFilePermissions(dir.resolve("data").resolve(TlsIdentity.KEY_FILE))))
        .isEqualTo("rw-------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("data"))))
        .isEqualTo("rwx------");
  }

  @Test
  void aDamagedKeyFileIsReportedWithWhatToDo(@TempDir Path dir) throws Exception {
    TlsIdentity.loadOrCreate(dir, "agent");
    Files.writeString(dir.resolve(TlsIdentity.KEY_FILE), "garbage");
    assertThatThrownBy(() -> TlsIdentity.loadOrCreate(dir, "agent"))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("delete it");
  }

  @Test
  void fingerprintsHaveTheSshForm() {
    assertThat(SERVER.fingerprint().value()).matches("SHA256:[A-Za-z0-9+/]{43}");
    assertThat(Fingerprint.parse(" " + SERVER.fingerprint().value() + " "))
        .isEqualTo(SERVER.fingerprint());
    assertThatThrownBy(() -> Fingerprint.parse("MD5:abc")).hasMessageContaining("SHA256:");
  }

  private static javax.net.ssl.X509TrustManager trustAll() {
    return new javax.net.ssl.X509TrustManager() {
      @Override
      public void checkClientTrusted(java.security.cert.X509Certificate[] c, String a) {}

      @Override
      public void checkServerTrusted(java.security.cert.X509Certificate[] c, String a) {}

      @Override
      public java.security.cert.X509Certificate[] getAcceptedIssuers() {
        return new java.security.cert.X509Certificate[0];
      }
    };
  }
}
