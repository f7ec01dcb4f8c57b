package dev.vigil.console.manager.notify;

import static dev.vigil.console.manager.notify.NotifyFixtures.firing;
import static dev.vigil.console.manager.notify.NotifyFixtures.message;
import static dev.vigil.console.manager.notify.NotifyFixtures.notice;
import static dev.vigil.console.manager.notify.NotifyFixtures.settings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.vigil.console.manager.api.Problem;
import dev.vigil.console.manager.notify.Notice.Transition;
import dev.vigil.protocol.message.Severity;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The Alertmanager channel against Debian's real Alertmanager on loopback, read back through its v2
 * API: firing, acknowledged (the same alert, not a second), resolved; a cluster with one member
 * down. Each test labels its alerts with its own {@code vigil_manager}, so they share one server.
 */
@Timeout(90)
class AlertmanagerChannelTest {
  static RealAlertmanager am;

  @BeforeAll
  static void startAlertmanager() throws Exception {
    am = RealAlertmanager.start();
  }

  @AfterAll
  static void stopAlertmanager() {
    if (am != null) {
      am.close();
    }
  }

  static AlertmanagerChannel channel(String manager, String url, String... more) throws Exception {
    String[] kv = new String[2 + more.length];
    kv[0] = "url";
    kv[1] = url;
    System.arraycopy(more, 0, kv, 2, more.length);
    return AlertmanagerChannel.from(settings("am", "alertmanager", Map.of(), kv), manager);
  }

  static int closedPort() throws Exception {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  static JsonObject byRule(JsonArray alerts, String rule) {
    for (JsonElement e : alerts) {
      if (e.getAsJsonObject().getAsJsonObject("labels").get("rule").getAsString().equals(rule)) {
        return e.getAsJsonObject();
      }
    }
    throw new AssertionError("no alert for rule " + rule + " in " + alerts);
  }

  @Test
  void aProblemFiresIsAcknowledgedWithoutADuplicateAndResolves() throws Exception {
    long since = System.currentTimeMillis() - 60_000;
    Problem cpu = firing(1, "web-1", "cpu", Severity.CRITICAL, since);
    Problem disk = firing(2, "db-2", "disk", Severity.WARNING, since);
    try (AlertmanagerChannel channel = channel("lifecycle", am.url())) {
      long sent = System.currentTimeMillis();
      channel.deliver(
          message(1, List.of(notice(cpu, Transition.FIRING), notice(disk, Transition.FIRING))));

      await().atMost(Duration.ofSeconds(10)).until(() -> am.activeAlerts("lifecycle").size() == 2);
      JsonObject alert = byRule(am.activeAlerts("lifecycle"), "cpu");
      JsonObject labels = alert.getAsJsonObject("labels");
      assertThat(labels.get("alertname").getAsString()).isEqualTo("cpu");
      assertThat(labels.get("agent").getAsString()).isEqualTo("agent-1");
      assertThat(labels.get("host").getAsString()).isEqualTo("web-1");
      assertThat(labels.get("severity").getAsString()).isEqualTo("critical");
      assertThat(labels.get("vigil_manager").getAsString()).isEqualTo("lifecycle");
      assertThat(alert.getAsJsonObject("status").get("state").getAsString()).isEqualTo("active");
      JsonObject annotations = alert.getAsJsonObject("annotations");
      assertThat(annotations.get("summary").getAsString()).isEqualTo("CRITICAL cpu on web-1");
      assertThat(annotations.get("description").getAsString())
          .startsWith("cpu is at 97.25 %, above 90 % (value 97.25, firing, since ");
      assertThat(annotations.get("acknowledge").getAsString()).isEqualTo("vigil ack 42");
      assertThat(Instant.parse(alert.get("startsAt").getAsString()).toEpochMilli())
          .isEqualTo(since);
      // Four re-send periods of 1m ahead, as Prometheus sets endsAt for its rules.
      assertThat(Instant.parse(alert.get("endsAt").getAsString()))
          .isBetween(Instant.ofEpochMilli(sent).plusSeconds(239), Instant.now().plusSeconds(241));

      channel.deliver(
          message(
              2,
              List.of(notice(cpu.acknowledgedBy("ann", since + 1000), Transition.ACKNOWLEDGED))));
      await()
          .atMost(Duration.ofSeconds(10))
          .until(
              () ->
                  byRule(am.activeAlerts("lifecycle"), "cpu")
                      .getAsJsonObject("annotations")
                      .has("acknowledged_by"));
      assertThat(am.activeAlerts("lifecycle")).hasSize(2);

      Problem over = cpu.ended(System.currentTimeMillis() - 1, "cpu is back at 12 %");
      channel.deliver(message(3, List.of(notice(over, Transition.RESOLVED))));
      await()
          .atMost(Duration.ofSeconds(10))
          .untilAsserted(
              () -> {
                JsonArray left = am.activeAlerts("lifecycle");
                assertThat(left).hasSize(1);
                assertThat(byRule(left, "disk")).isNotNull();
              });
    }
  }

  @Test
  void aClusterWithOneMemberDownStillAcceptsAndNamesTheOneThatFailed() throws Exception {
    int down = closedPort();
    try (AlertmanagerChannel channel =
        channel("cluster", am.url() + ", http://127.0.0.1:" + down + "/")) {
      channel.deliver(
          message(
              4,
              List.of(
                  notice(
                      firing(3, "web-3", "memory", Severity.WARNING, System.currentTimeMillis()),
                      Transition.FIRING))));

      assertThat(channel.lastFailures())
          .containsExactly("http://127.0.0.1:" + down + " refused the connection");
      await().atMost(Duration.ofSeconds(10)).until(() -> am.activeAlerts("cluster").size() == 1);
    }
  }

  @Test
  void noMemberAcceptingIsAFailureNamingEach() throws Exception {
    int a = closedPort();
    int b = closedPort();
    try (AlertmanagerChannel channel =
        channel("down", "http://127.0.0.1:" + a + ", http://127.0.0.1:" + b)) {
      Message m =
          message(
              5,
              List.of(
                  notice(
                      firing(4, "web-4", "cpu", Severity.CRITICAL, System.currentTimeMillis()),
                      Transition.FIRING)));

      assertThatThrownBy(() -> channel.deliver(m))
          .isInstanceOfSatisfying(
              DeliveryException.class,
              e -> {
                assertThat(e.getMessage())
                    .isEqualTo(
                        "no Alertmanager accepted the alerts: http://127.0.0.1:"
                            + a
                            + " refused the connection; http://127.0.0.1:"
                            + b
                            + " refused the connection");
                assertThat(e.permanent()).isFalse();
              });
    }
  }

  @Test
  void theResendPeriodIsWhatTheNotifierResendsAtAndSetsEndsAt() throws Exception {
    try (AlertmanagerChannel channel = channel("resend", am.url(), "resend", "30s")) {
      assertThat(channel.resendWhileFiring()).isEqualTo(Optional.of(Duration.ofSeconds(30)));
      long sent = System.currentTimeMillis();
      channel.deliver(
          message(
              6,
              List.of(
                  notice(
                      firing(5, "web-5", "load", Severity.WARNING, sent - 1000),
                      Transition.STILL_FIRING))));

      await().atMost(Duration.ofSeconds(10)).until(() -> am.activeAlerts("resend").size() == 1);
      assertThat(
              Instant.parse(
                  am.activeAlerts("resend").get(0).getAsJsonObject().get("endsAt").getAsString()))
          .isBetween(Instant.ofEpochMilli(sent).plusSeconds(119), Instant.now().plusSeconds(121));
    }
  }

  @Test
  void aTestMessageIsOneVigilTestAlert() throws Exception {
    try (AlertmanagerChannel channel = channel("send-test", am.url())) {
      channel.deliver(new Message(7, "am", List.of(), System.currentTimeMillis(), true, ""));

      await().atMost(Duration.ofSeconds(10)).until(() -> am.activeAlerts("send-test").size() == 1);
      JsonObject labels =
          am.activeAlerts("send-test").get(0).getAsJsonObject().getAsJsonObject("labels");
      assertThat(labels.get("alertname").getAsString()).isEqualTo("VigilTest");
      assertThat(labels.get("channel").getAsString()).isEqualTo("am");
    }
  }
}
