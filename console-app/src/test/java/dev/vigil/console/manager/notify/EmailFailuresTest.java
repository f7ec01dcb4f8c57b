package dev.vigil.console.manager.notify;

import static dev.vigil.console.manager.notify.NotifyFixtures.firing;
import static dev.vigil.console.manager.notify.NotifyFixtures.message;
import static dev.vigil.console.manager.notify.NotifyFixtures.notice;
import static dev.vigil.console.manager.notify.NotifyFixtures.settings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.console.manager.notify.Notice.Transition;
import dev.vigil.protocol.message.Severity;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Mail servers that fail before any mail: silent, unknown; each a sentence worth retrying. */
@Timeout(30)
class EmailFailuresTest {
  static final Message ONE =
      message(
          1,
          List.of(
              notice(
                  firing(1, "web-1", "cpu", Severity.CRITICAL, System.currentTimeMillis()),
                  Transition.FIRING)));

  @Test
  void aServerThatNeverGreetsTimesOut() throws Exception {
    // Accepted by the kernel's backlog, never read: no 220 greeting ever comes.
    try (ServerSocket silent = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
      EmailChannel channel =
          EmailChannel.from(
              settings(
                  "ops-mail",
                  "email",
                  Map.of(),
                  "smtp",
                  "smtp://127.0.0.1:" + silent.getLocalPort(),
                  "from",
                  "vigil@example.com",
                  "to",
                  "ops@example.com",
                  "timeout",
                  "1s"),
              "m");

      assertThatThrownBy(() -> channel.deliver(ONE))
          .isInstanceOfSatisfying(
              DeliveryException.class,
              e -> {
                assertThat(e.getMessage())
                    .isEqualTo("127.0.0.1:" + silent.getLocalPort() + " did not answer within 1s");
                assertThat(e.permanent()).isFalse();
              });
    }
  }

  @Test
  void aRefusedRecipientIsPermanentAndNoMailIsSent() throws Exception {
    try (RefusingSmtpServer server =
        new RefusingSmtpServer(TestMailServer.certificate().serverContext())) {
      EmailChannel channel =
          EmailChannel.from(
              settings(
                  "ops-mail",
                  "email",
                  Map.of(),
                  "smtp",
                  "smtps://localhost:" + server.port(),
                  "from",
                  "vigil@example.com",
                  "to",
                  "ops@example.com, bad@example.com",
                  "trust",
                  TestMailServer.certificate().pem().toString(),
                  "timeout",
                  "5s"),
              "m");

      assertThatThrownBy(() -> channel.deliver(ONE))
          .isInstanceOfSatisfying(
              DeliveryException.class,
              e -> {
                assertThat(e.getMessage())
                    .isEqualTo(
                        "localhost:"
                            + server.port()
                            + " refused the recipient bad@example.com: 550 5.1.1 no such user");
                assertThat(e.permanent()).isTrue();
              });
      assertThat(server.taken()).isZero();
    }
  }

  @Test
  void anUnknownHostIsNamed() throws Exception {
    EmailChannel channel =
        EmailChannel.from(
            settings(
                "ops-mail",
                "email",
                Map.of(),
                "smtp",
                "smtps://no-such-host.invalid:465",
                "from",
                "vigil@example.com",
                "to",
                "ops@example.com",
                "timeout",
                "5s"),
            "m");

    assertThatThrownBy(() -> channel.deliver(ONE))
        .isInstanceOf(DeliveryException.class)
        .hasMessage("the mail server's host no-such-host.invalid is unknown");
  }
}
