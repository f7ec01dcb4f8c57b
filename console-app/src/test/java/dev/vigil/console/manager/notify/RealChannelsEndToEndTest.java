package dev.vigil.console.manager.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.sun.net.httpserver.HttpServer;
import dev.vigil.agent.Agent;
import dev.vigil.agent.check.CheckLine;
import dev.vigil.console.RunningConsole;
import dev.vigil.console.TestAgents;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The "done when" for notifications, with real parts: a real agent's HTTP check fails on a
 * server the test stops, and its problem reaches an inbox (GreenMail over implicit TLS with a login
 * whose password is in the secrets file), a webhook receiver and Debian's real Alertmanager; the
 * server comes back, and the resolution follows on all three.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class RealChannelsEndToEndTest {
  private static TestMailServer mail;
  private static WebhookReceiver hook;
  private static RealAlertmanager alertmanager;
  private static Path conf;
  private static final String MANAGER = "e2e-manager";

  @BeforeAll
  static void servers() throws Exception {
    alertmanager = RealAlertmanager.start();
    mail = TestMailServer.start();
    hook = new WebhookReceiver();
    Path dir = Files.createTempDirectory("vigil-real-channels");
    Path secrets = dir.resolve("secrets");
    Files.writeString(secrets, "mail-password = " + TestMailServer.PASSWORD + "\n");
    Files.setPosixFilePermissions(secrets, PosixFilePermissions.fromString("rw-------"));
    conf = dir.resolve("notifications.conf");
    Files.writeString(
        conf,
        String.join(
            "\n",
            "secrets = " + secrets,
            "channel.mail.type = email",
            "channel.mail.smtp = smtps://localhost:" + mail.smtpsPort(),
            "channel.mail.user = " + TestMailServer.USER,
            "channel.mail.password = secret:mail-password",
            "channel.mail.from = vigil@example.com",
            "channel.mail.to = ops@example.com",
            "channel.mail.trust = " + TestMailServer.certificate().pem(),
            "channel.hook.type = webhook",
            "channel.hook.url = " + hook.url("/hook"),
            "channel.am.type = alertmanager",
            "channel.am.url = " + alertmanager.url(),
            "channel.am.manager = " + MANAGER,
            "route.all.match = severity>=warning rule=check.*",
            "route.all.to = mail, hook, am",
            "group-window = 200ms",
            "rate-limit = off",
            ""));
  }

  @AfterAll
  static void stop() throws IOException {
    if (hook != null) {
      hook.close();
    }
    if (mail != null) {
      mail.close();
    }
    if (alertmanager != null) {
      alertmanager.close();
    }
    org.testfx.util.WaitForAsyncUtils.clearExceptions();
  }

  @RegisterExtension
  final RunningConsole console =
      RunningConsole.configured(b -> b.notifications(new NotifySetup(conf, List.of(), List.of())));

  private static HttpServer serve(int port) throws IOException {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
    server.createContext(
        "/health",
        x -> {
          x.sendResponseHeaders(200, -1);
          x.close();
        });
    server.start();
    return server;
  }

  private static List<String> mailBodies() {
    return Arrays.stream(mail.mail.getReceivedMessages()).map(GreenMailUtil::getBody).toList();
  }

  private static List<String> subjects() {
    return Arrays.stream(mail.mail.getReceivedMessages())
        .map(
            m -> {
              try {
                return ((MimeMessage) m).getSubject();
              } catch (jakarta.mail.MessagingException e) {
                throw new IllegalStateException(e);
              }
            })
        .toList();
  }

  private static List<String> hookTransitions(String agentId) {
    return hook.received.stream()
        .filter(r -> r.path().equals("/hook"))
        .flatMap(
            r ->
                JsonParser.parseString(r.text())
                    .getAsJsonObject()
                    .getAsJsonArray("problems")
                    .asList()
                    .stream()
                    .map(e -> e.getAsJsonObject())
                    .filter(p -> p.get("agent").getAsString().equals(agentId))
                    .map(p -> p.get("transition").getAsString()))
        .toList();
  }

  @Test
  void aRealAgentsProblemReachesAnInboxAWebhookAndAlertmanagerAndItsResolutionFollows()
      throws Exception {
    HttpServer site = serve(0);
    int port = site.getAddress().getPort();
    try {
      Agent agent =
          console.closeAfter(
              TestAgents.checking(
                  console.manager(),
                  console.dir("agent"),
                  List.of(
                      CheckLine.parse(
                          "site",
                          "http http://127.0.0.1:"
                              + port
                              + "/health every 1s timeout 900ms for 2"))));
      String id = agent.id().toString();
      await().atMost(Duration.ofSeconds(20)).until(() -> console.manager().agent(id).isPresent());

      site.stop(0);
      await()
          .atMost(Duration.ofSeconds(40))
          .untilAsserted(
              () -> {
                assertThat(hookTransitions(id)).contains("firing");
                assertThat(subjects()).anySatisfy(s -> assertThat(s).contains("check.site"));
                JsonArray active = alertmanager.activeAlerts(MANAGER);
                assertThat(active).hasSize(1);
                JsonObject labels = active.get(0).getAsJsonObject().getAsJsonObject("labels");
                assertThat(labels.get("alertname").getAsString()).isEqualTo("check.site");
                assertThat(labels.get("agent").getAsString()).isEqualTo(id);
              });
      assertThat(mailBodies()).anySatisfy(b -> assertThat(b).contains("check.site"));

      site = serve(port);
      await()
          .atMost(Duration.ofSeconds(40))
          .untilAsserted(
              () -> {
                assertThat(hookTransitions(id)).containsSubsequence("firing", "resolved");
                assertThat(mail.mail.getReceivedMessages()).hasSizeGreaterThanOrEqualTo(2);
                assertThat(alertmanager.activeAlerts(MANAGER)).isEmpty();
              });
      assertThat(hookTransitions(id)).filteredOn("firing"::equals).hasSize(1);
    } finally {
      site.stop(0);
    }
  }
}
