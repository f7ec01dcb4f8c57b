package dev.vigil.console.manager.notify;

import static dev.vigil.console.manager.notify.NotifyFixtures.firing;
import static dev.vigil.console.manager.notify.NotifyFixtures.notice;
import static dev.vigil.console.manager.notify.NotifyFixtures.settings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vigil.console.manager.notify.Notice.Transition;
import dev.vigil.protocol.message.Severity;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What one message of a wave costs each channel: 200 notices delivered as one mail to GreenMail
 * (implicit TLS and STARTTLS, with login) and as one POST to the real Alertmanager, timed over
 * several runs. In CI a 3-run smoke that checks the mail lists all 200 and Alertmanager holds 200
 * alerts; {@code bench/notify-channels.sh} runs 20 and writes {@code
 * target/bench/notify-channels.txt}. It never asserts a timing.
 */
@Timeout(300)
class ChannelDeliveryBenchmarkTest {
  static final int RUNS = Integer.getInteger("vigil.bench.runs", 3);
  static final int NOTICES = 200;
  static final Path REPORT = Path.of("target", "bench", "notify-channels.txt");

  static List<Notice> wave(Transition transition) {
    long since = System.currentTimeMillis() - 30_000;
    List<Notice> notices = new ArrayList<>();
    for (int i = 1; i <= NOTICES; i++) {
      Severity s = i % 5 == 0 ? Severity.CRITICAL : Severity.WARNING;
      notices.add(notice(firing(i, String.format("web-%03d", i), "cpu", s, since), transition));
    }
    return notices;
  }

  static Message waveMessage(long id, Transition transition) {
    return new Message(
        id, "bench", wave(transition), System.currentTimeMillis(), false, "vigil ack");
  }

  @Test
  void twoHundredNoticesByEmail() throws Exception {
    try (TestMailServer server = TestMailServer.start()) {
      // Two passes over both modes: the first also warms up the JIT and TLS.
      for (int pass = 1; pass <= 2; pass++) {
        for (String mode : List.of("smtps", "smtp")) {
          int port = mode.equals("smtps") ? server.smtpsPort() : server.startTlsPort();
          EmailChannel channel =
              EmailChannel.from(
                  settings(
                      "bench",
                      "email",
                      Map.of("pw", TestMailServer.PASSWORD),
                      "smtp",
                      mode + "://localhost:" + port,
                      "user",
                      TestMailServer.USER,
                      "password",
                      "secret:pw",
                      "from",
                      "vigil@example.com",
                      "to",
                      "ops@example.com",
                      "trust",
                      TestMailServer.certificate().pem().toString()),
                  "bench-manager");
          server.mail.purgeEmailFromAllMailboxes();
          long[] nanos = new long[RUNS];
          for (int run = 0; run < RUNS; run++) {
            Message m = waveMessage(run + 1, Transition.FIRING);
            long t0 = System.nanoTime();
            channel.deliver(m);
            nanos[run] = System.nanoTime() - t0;
          }
          MimeMessage[] received = server.mail.getReceivedMessages();
          assertThat(received).hasSize(RUNS);
          ByteArrayOutputStream raw = new ByteArrayOutputStream();
          received[0].writeTo(raw);
          assertThat(EmailChannelTest.part(received[0], "text/plain"))
              .contains("200. CRITICAL: cpu on web-200");
          report(
              "email "
                  + (mode.equals("smtps") ? "implicit TLS" : "STARTTLS")
                  + ", login, 200 notices, pass "
                  + pass,
              nanos,
              raw.size() + " bytes a mail");
        }
      }
    }
  }

  @Test
  void twoHundredNoticesToAlertmanager() throws Exception {
    try (RealAlertmanager am = RealAlertmanager.start();
        AlertmanagerChannel channel =
            AlertmanagerChannel.from(
                settings("bench", "alertmanager", Map.of(), "url", am.url()), "bench-manager")) {
      long[] nanos = new long[RUNS];
      for (int run = 0; run < RUNS; run++) {
        Message m = waveMessage(run + 1, run == 0 ? Transition.FIRING : Transition.STILL_FIRING);
        long t0 = System.nanoTime();
        channel.deliver(m);
        nanos[run] = System.nanoTime() - t0;
      }
      await()
          .atMost(Duration.ofSeconds(20))
          .until(() -> am.activeAlerts("bench-manager").size() == NOTICES);
      int bytes =
          AlertmanagerAlerts.of(
                  waveMessage(1, Transition.FIRING),
                  "bench-manager",
                  AlertmanagerChannel.DEFAULT_RESEND,
                  System.currentTimeMillis())
              .toString()
              .length();
      report("Alertmanager POST /api/v2/alerts, 200 alerts", nanos, bytes + " bytes a POST");
    }
  }

  private static void report(String what, long[] nanos, String size) throws IOException {
    double first = nanos[0] / 1e6;
    long[] rest = java.util.Arrays.copyOfRange(nanos, Math.min(1, nanos.length - 1), nanos.length);
    java.util.Arrays.sort(rest);
    String line =
        String.format(
            Locale.ROOT,
            "%s: %d runs; first %.1f ms; then median %.1f ms, max %.1f ms; %s%n",
            what,
            nanos.length,
            first,
            rest[rest.length / 2] / 1e6,
            rest[rest.length - 1] / 1e6,
            size);
    System.out.print(line);
    Files.createDirectories(REPORT.getParent());
    Files.writeString(REPORT, line, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
  }
}
