package dev.vigil.agent.link;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.vigil.protocol.Protocol;
import dev.vigil.protocol.tls.Fingerprint;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.security.cert.CertificateException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

/**
 * #17, point 3: an agent that keeps being refused says what to check, once every few attempts,
 * instead of retrying "Connection refused" forever without a hint.
 */
class DialHintTest {
  private static final String KEY = "SHA256:" + "A".repeat(43);

  /** A real "Connection refused": a loopback port nothing listens on any more. */
  private static ConnectException refused(int[] port) throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port[0] = s.getLocalPort();
    }
    return catchThrowableOfType(
        ConnectException.class,
        () -> new Socket(InetAddress.getLoopbackAddress(), port[0]).close());
  }

  private static List<String> hints(DialHint hint, IOException e, int attempts) {
    List<String> said = new ArrayList<>();
    for (int i = 0; i < attempts; i++) {
      hint.failed(e).ifPresent(said::add);
    }
    return said;
  }

  @Test
  void aConsoleThatIsNotListeningIsNamedOnceEveryFiveRefusals() throws IOException {
    int[] port = new int[1];
    ConnectException e = refused(port);
    DialHint hint = new DialHint("127.0.0.1", port[0], Optional::empty);
    List<String> said = hints(hint, e, 12);
    assertThat(said).hasSize(2);
    assertThat(said.get(0))
        .startsWith("5 attempts in a row failed: nothing listens on 127.0.0.1:" + port[0])
        .contains("is the console running, and on this port?")
        .contains("the console prints its ports at start")
        .contains("the tcp one it prints");
    assertThat(said.get(1)).startsWith("10 attempts in a row failed");
  }

  @Test
  void theConsolesUdpPortGivenByMistakeIsSaidToBeTheAlertPort() throws IOException {
    ConnectException e = refused(new int[1]);
    DialHint hint = new DialHint("console.lan", Protocol.DEFAULT_UDP_PORT, Optional::empty);
    assertThat(hints(hint, e, DialHint.EVERY))
        .singleElement()
        .asString()
        .contains("nothing listens on console.lan:" + Protocol.DEFAULT_UDP_PORT)
        .contains("default UDP port, for alert datagrams")
        .contains("TCP port (default " + Protocol.DEFAULT_TCP_PORT + ")");
  }

  @Test
  void anUntrustedConsoleKeyNamesTheFingerprintThisAgentExpects() {
    SSLHandshakeException e = new SSLHandshakeException("certificate_unknown");
    e.initCause(new CertificateException("The console presented SHA256:other"));
    DialHint hint = new DialHint("127.0.0.1", 7470, () -> Optional.of(new Fingerprint(KEY)));
    assertThat(hints(hint, e, DialHint.EVERY))
        .singleElement()
        .asString()
        .contains("presented a key this agent does not trust")
        .contains("this agent expects " + KEY)
        .contains("--console-fingerprint");
  }

  @Test
  void aSessionStartsTheCountAgain() throws IOException {
    ConnectException e = refused(new int[1]);
    DialHint hint = new DialHint("127.0.0.1", 7470, Optional::empty);
    assertThat(hints(hint, e, DialHint.EVERY - 1)).isEmpty();
    hint.connected();
    assertThat(hints(hint, e, DialHint.EVERY - 1)).isEmpty();
    assertThat(hints(hint, e, 1)).hasSize(1);
  }
}
