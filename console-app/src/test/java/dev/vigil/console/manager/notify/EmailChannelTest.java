package dev.vigil.console.manager.notify;

import static dev.vigil.console.manager.notify.NotifyFixtures.firing;
import static dev.vigil.console.manager.notify.NotifyFixtures.message;
import static dev.vigil.console.manager.notify.NotifyFixtures.notice;
import static dev.vigil.console.manager.notify.NotifyFixtures.settings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.util.GreenMail;
import dev.vigil.console.manager.notify.Notice.Transition;
import dev.vigil.protocol.message.Severity;
import jakarta.mail.BodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The email channel against a real SMTP server, GreenMail, on loopback: implicit TLS with
 * GreenMail's SMTPS, STARTTLS through {@link StartTlsFront}, both with a certificate made in the
 * test and named by the channel's {@code trust} key; logins right and wrong; the mails read back.
 */
@Timeout(60)
class EmailChannelTest {
  static final String PASSWORD = TestMailServer.PASSWORD;
  static TestMailServer server;
  static GreenMail mail;
  static StartTlsFront front;
  static LoopbackCertificate cert;

  @BeforeAll
  static void startServers() throws Exception {
    server = TestMailServer.start();
    mail = server.mail;
    front = server.front;
    cert = TestMailServer.certificate();
  }

  @AfterAll
  static void stopServers() throws Exception {
    if (server != null) {
      server.close();
    }
    // The refused handshake (aCertificateNotNamedByTrustIsRefused) ends the mail server's
    // handler thread with an uncaught exception; once TestFX has set its default handler in this
    // JVM it keeps that and throws it into whichever window test runs next. It is the server's
    // side of the refusal under test, not a failure.
    org.testfx.util.WaitForAsyncUtils.clearExceptions();
  }

  @BeforeEach
  void emptyInboxes() throws Exception {
    mail.purgeEmailFromAllMailboxes();
  }

  static EmailChannel channel(String smtp, String password, String... more) throws Exception {
    List<String> kv =
        new ArrayList<>(
            List.of(
                "smtp", smtp,
                "user", "vigil",
                "password", "secret:ops-mail-password",
                "from", "vigil@example.com",
                "to", "ops@example.com",
                "trust", cert.pem().toString(),
                "timeout", "10s"));
    for (int i = 0; i + 1 < more.length; i += 2) {
      int at = kv.indexOf(more[i]);
      if (at >= 0 && at % 2 == 0) {
        kv.set(at + 1, more[i + 1]);
      } else {
        kv.add(more[i]);
        kv.add(more[i + 1]);
      }
    }
    for (int i = kv.size() - 2; i >= 0; i -= 2) {
      if (kv.get(i + 1).isEmpty()) { // an empty value: leave the key out
        kv.subList(i, i + 2).clear();
      }
    }
    return EmailChannel.from(
        settings(
            "ops-mail", "email", Map.of("ops-mail-password", password), kv.toArray(String[]::new)),
        "manager-a.example.com");
  }

  static Message twoProblems() {
    long since = System.currentTimeMillis() - 9 * 60_000;
    return message(
        7,
        List.of(
            notice(firing(1, "web-1", "cpu", Severity.CRITICAL, since), Transition.FIRING),
            notice(firing(2, "db-2", "disk", Severity.WARNING, since), Transition.FIRING)));
  }

  static List<MimeMessage> inbox(String address) {
    return mail.findReceivedMessages(u -> u.getEmail().equals(address), m -> true).toList();
  }

  static String part(MimeMessage m, String type) throws Exception {
    assertThat(m.getContentType()).startsWith("multipart/alternative");
    MimeMultipart parts = (MimeMultipart) m.getContent();
    for (int i = 0; i < parts.getCount(); i++) {
      BodyPart p = parts.getBodyPart(i);
      if (p.isMimeType(type)) {
        return ((String) p.getContent()).replace("\r\n", "\n"); // SMTP carries CRLF lines
      }
    }
    throw new AssertionError("no " + type + " part in " + m.getContentType());
  }

  @Test
  void startTlsMailReachesEveryRecipientWithTextAndHtml() throws Exception {
    EmailChannel channel =
        channel(
            "smtp://localhost:" + front.port(),
            PASSWORD,
            "to",
            "ops@example.com, oncall@example.com");

    channel.deliver(twoProblems());

    assertThat(front.upgraded()).isEqualTo(1);
    MimeMessage[] received = mail.getReceivedMessages();
    assertThat(received).hasSize(2); // one copy per recipient's mailbox
    assertThat(inbox("oncall@example.com")).hasSize(1);
    MimeMessage m = received[0];
    assertThat(m.getSubject()).isEqualTo("[Vigil] CRITICAL cpu on web-1 (+1 more)");
    assertThat(m.getHeader("Message-ID"))
        .containsExactly("<vigil.7.1764650000007@manager-a.example.com>");
    assertThat(Arrays.stream(m.getAllRecipients()).map(Object::toString))
        .containsExactly("ops@example.com", "oncall@example.com");
    String plain = part(m, "text/plain");
    assertThat(plain)
        .contains("2 problems, from the Vigil manager manager-a.example.com")
        .contains("1. CRITICAL: cpu on web-1")
        .contains("   Agent:    agent-1")
        .contains("   Host:     web-1")
        .contains("   Severity: critical")
        .contains("   Value:    97.25")
        .contains("   State:    firing")
        .contains("(9m)")
        .contains("   Told:     firing")
        .contains("2. WARNING: disk on db-2")
        .contains("How to acknowledge: vigil ack 42");
    String html = part(m, "text/html");
    assertThat(html)
        .contains("<td>web-1</td><td>cpu</td><td>critical</td><td>97.25</td><td>firing</td>")
        .contains("<td>db-2</td>")
        .contains("How to acknowledge: vigil ack 42");
  }

  @Test
  void implicitTlsMailArrives() throws Exception {
    channel("smtps://localhost:" + mail.getSmtps().getPort(), PASSWORD).deliver(twoProblems());

    assertThat(mail.getReceivedMessages()).hasSize(1);
    assertThat(mail.getReceivedMessages()[0].getSubject()).startsWith("[Vigil] CRITICAL cpu");
  }

  @Test
  void aWrongPasswordIsARefusedLoginAndPermanent() throws Exception {
    EmailChannel channel = channel("smtps://localhost:" + mail.getSmtps().getPort(), "wrong");

    assertThatThrownBy(() -> channel.deliver(twoProblems()))
        .isInstanceOfSatisfying(
            DeliveryException.class,
            e -> {
              assertThat(e.getMessage())
                  .startsWith(
                      "localhost:" + mail.getSmtps().getPort() + " refused the login for 'vigil'")
                  .doesNotContain("wrong");
              assertThat(e.permanent()).isTrue();
            });
    assertThat(mail.getReceivedMessages()).isEmpty();
  }

  @Test
  void aServerWithoutStartTlsGetsNothing() throws Exception {
    EmailChannel channel = channel("smtp://localhost:" + mail.getSmtp().getPort(), PASSWORD);

    assertThatThrownBy(() -> channel.deliver(twoProblems()))
        .isInstanceOf(DeliveryException.class)
        .hasMessageStartingWith(
            "localhost:" + mail.getSmtp().getPort() + " does not offer STARTTLS");
    assertThat(mail.getReceivedMessages()).isEmpty();
  }

  @Test
  void aCertificateNotNamedByTrustIsRefused() throws Exception {
    EmailChannel channel =
        channel("smtps://localhost:" + mail.getSmtps().getPort(), PASSWORD, "trust", "");

    assertThatThrownBy(() -> channel.deliver(twoProblems()))
        .isInstanceOf(DeliveryException.class)
        .hasMessageContaining("failed the TLS handshake")
        .hasMessageContaining("'trust'");
    assertThat(mail.getReceivedMessages()).isEmpty();
  }

  @Test
  void aClosedPortIsARefusedConnectionWorthRetrying() throws Exception {
    int closed;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closed = s.getLocalPort();
    }
    EmailChannel channel = channel("smtps://localhost:" + closed, PASSWORD);

    assertThatThrownBy(() -> channel.deliver(twoProblems()))
        .isInstanceOfSatisfying(
            DeliveryException.class,
            e -> {
              assertThat(e.getMessage())
                  .isEqualTo("localhost:" + closed + " refused the connection");
              assertThat(e.permanent()).isFalse();
            });
  }

  @Test
  void aHostNameWithCrLfCannotAddHeadersOrRecipientsAndHtmlStaysText() throws Exception {
    long since = System.currentTimeMillis();
    Message evil =
        message(
            9,
            List.of(
                notice(
                    firing(
                        3,
                        "web-1\r\nBcc: evil@example.com\r\nX-Injected: yes",
                        "<script>alert(1)</script>",
                        Severity.CRITICAL,
                        since),
                    Transition.FIRING)));

    channel("smtps://localhost:" + mail.getSmtps().getPort(), PASSWORD).deliver(evil);

    MimeMessage[] received = mail.getReceivedMessages();
    assertThat(received).hasSize(1);
    assertThat(inbox("evil@example.com")).isEmpty();
    MimeMessage m = received[0];
    assertThat(m.getHeader("Bcc")).isNull();
    assertThat(m.getHeader("X-Injected")).isNull();
    assertThat(m.getSubject())
        .isEqualTo(
            "[Vigil] CRITICAL <script>alert(1)</script> on web-1  Bcc: evil@example.com  X-Injected: yes");
    String html = part(m, "text/html");
    assertThat(html).contains("&lt;script&gt;alert(1)&lt;/script&gt;").doesNotContain("<script>");
    assertThat(part(m, "text/plain"))
        .contains("   Host:     web-1  Bcc: evil@example.com  X-Injected: yes\n");
  }

  @Test
  void aRetriedMessageKeepsItsMessageId() throws Exception {
    EmailChannel channel = channel("smtps://localhost:" + mail.getSmtps().getPort(), PASSWORD);

    channel.deliver(twoProblems());
    channel.deliver(twoProblems());

    MimeMessage[] received = mail.getReceivedMessages();
    assertThat(received).hasSize(2);
    assertThat(received[0].getMessageID())
        .isEqualTo(received[1].getMessageID())
        .isEqualTo("<vigil.7.1764650000007@manager-a.example.com>");
  }
}
