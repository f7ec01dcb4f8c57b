package dev.vigil.console.manager.notify;

import static dev.vigil.console.manager.notify.NotifierFixture.route;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.vigil.console.manager.api.Problem;
import dev.vigil.protocol.message.AlertState;
import dev.vigil.protocol.message.Severity;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The webhook channel against a real HTTP receiver on loopback. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class WebhookChannelTest {
  private static final String KEY = "s3cret-hmac-key";

  @TempDir Path dir;
  private WebhookReceiver receiver;
  private NotifierFixture fixture;

  @BeforeEach
  void receiver() throws Exception {
    receiver = new WebhookReceiver();
  }

  @AfterEach
  void close() {
    if (fixture != null) {
      fixture.close();
    }
    receiver.close();
  }

  /** A webhook built from a notifications file and its secrets file, as the manager builds it. */
  private WebhookChannel webhook(String format) throws Exception {
    Path secrets = dir.resolve(NotifyConfigFile.SECRETS_NAME);
    Files.writeString(
        secrets, "hook-url = " + receiver.url("/hooks/T0KEN123") + "\nhook-hmac = " + KEY + "\n");
    Files.setPosixFilePermissions(secrets, PosixFilePermissions.fromString("rw-------"));
    Path conf = dir.resolve("notifications.conf");
    Files.writeString(
        conf,
        "channel.hook.type = webhook\nchannel.hook.url = secret:hook-url\n"
            + "channel.hook.format = "
            + format
            + "\nchannel.hook.hmac-key = secret:hook-hmac\n");
    NotifyConfig config = NotifyConfigFile.load(new NotifySetup(conf, List.of(), List.of()), dir);
    return (WebhookChannel) ChannelTypes.create(config.channels().get("hook"));
  }

  private static Problem problem() {
    return new Problem(
        7,
        "a1",
        "web-1",
        "cpu.high",
        Severity.CRITICAL,
        AlertState.FIRING,
        1_000,
        2_000,
        97.5,
        "CPU at 97%",
        42,
        "",
        0,
        "",
        0);
  }

  @Test
  void theReceiverVerifiesTheSignatureOverTheTimestampAndTheExactBody() throws Exception {
    WebhookChannel hook = webhook("vigil");
    hook.deliver(
        new Message(
            11,
            "hook",
            List.of(new Notice(problem(), Notice.Transition.FIRING, "")),
            5,
            false,
            ""));
    WebhookReceiver.Received r = receiver.received.get(0);
    String timestamp = r.header(WebhookChannel.TIMESTAMP);
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(KEY.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    mac.update((timestamp + ".").getBytes(StandardCharsets.UTF_8));
    String expected = "sha256=" + HexFormat.of().formatHex(mac.doFinal(r.body()));
    assertThat(r.header(WebhookChannel.SIGNATURE)).isEqualTo(expected);
    assertThat(Math.abs(Long.parseLong(timestamp) - System.currentTimeMillis() / 1000))
        .isLessThan(60);
    assertThat(r.header(WebhookChannel.MESSAGE_ID)).isEqualTo("11");
    assertThat(r.header("Idempotency-Key")).isEqualTo("vigil-11");
    JsonObject body = JsonParser.parseString(r.text()).getAsJsonObject();
    assertThat(body.get("version").getAsInt()).isEqualTo(1);
    assertThat(body.get("id").getAsLong()).isEqualTo(11);
    JsonObject p = body.getAsJsonArray("problems").get(0).getAsJsonObject();
    assertThat(p.get("agent").getAsString()).isEqualTo("a1");
    assertThat(p.get("host").getAsString()).isEqualTo("web-1");
    assertThat(p.get("rule").getAsString()).isEqualTo("cpu.high");
    assertThat(p.get("severity").getAsString()).isEqualTo("critical");
    assertThat(p.get("value").getAsDouble()).isEqualTo(97.5);
    assertThat(p.get("state").getAsString()).isEqualTo("firing");
    assertThat(p.get("since").getAsString()).isEqualTo("1970-01-01T00:00:01Z");
    assertThat(p.get("transition").getAsString()).isEqualTo("firing");
    assertThat(p.get("acknowledge").getAsString()).startsWith("ack 42");
    // A tampered body no longer matches.
    byte[] tampered = r.text().replace("97.5", "17.5").getBytes(StandardCharsets.UTF_8);
    mac.update((timestamp + ".").getBytes(StandardCharsets.UTF_8));
    assertThat("sha256=" + HexFormat.of().formatHex(mac.doFinal(tampered))).isNotEqualTo(expected);
  }

  @Test
  void aRefusalIsASentenceThatNamesNoSecret() throws Exception {
    WebhookChannel hook = webhook("slack");
    receiver.statuses.add(400);
    assertThatThrownBy(
            () ->
                hook.deliver(
                    new Message(
                        3,
                        "hook",
                        List.of(new Notice(problem(), Notice.Transition.FIRING, "")),
                        5,
                        false,
                        "")))
        .isInstanceOf(DeliveryException.class)
        .hasMessage(
            "the webhook at "
                + receiver.url("/•••")
                + " answered HTTP 400: unknown field 'blocks' (it refuses the message; check the channel's url and format)")
        .satisfies(e -> assertThat(((DeliveryException) e).permanent()).isTrue())
        .hasMessageNotContaining("T0KEN123");
    assertThat(hook.describe())
        .isEqualTo(receiver.url("/•••") + " (slack, signed)")
        .doesNotContain("T0KEN123")
        .doesNotContain(KEY);
  }

  @Test
  void a500IsRetriedWithTheSameMessageIdAndDeliveredOnce() throws Exception {
    WebhookChannel hook = webhook("vigil");
    receiver.statuses.add(500);
    fixture = new NotifierFixture(dir);
    fixture.channels.clear();
    NotifyConfig config =
        NotifierFixture.config(
            Duration.ofMillis(100), RateLimit.NONE, route("all", "", List.of("hook")));
    Notifier n =
        new Notifier(
            config,
            Map.of("hook", hook),
            new Notifier.Parts(
                new dev.vigil.console.manager.store.NotificationTable(fixture.store),
                fixture.alerts.problems()::active,
                id -> java.util.Set.of(),
                new Notifier.OwnProblems() {
                  @Override
                  public void raise(String rule, String sentence) {}

                  @Override
                  public void resolve(String rule, String sentence) {}
                },
                System::currentTimeMillis),
            new Delivery.Backoff(Duration.ofMillis(100), Duration.ofSeconds(1)));
    fixture.notifier = n;
    fixture.listeners.add(n);
    n.start();
    fixture.alert("web-1", "cpu.high", Severity.WARNING, AlertState.FIRING);
    await().atMost(Duration.ofSeconds(10)).until(() -> receiver.received.size() == 2);
    assertThat(receiver.received)
        .extracting(WebhookReceiver.Received::answered)
        .containsExactly(500, 200);
    assertThat(receiver.received)
        .extracting(r -> r.header(WebhookChannel.MESSAGE_ID))
        .containsOnly(receiver.received.get(0).header(WebhookChannel.MESSAGE_ID));
    assertThat(n.lastError("hook")).isEmpty();
  }

  @Test
  void slackMattermostAndTeamsGetTheirOwnShapes() throws Exception {
    Message m =
        new Message(
            1, "hook", List.of(new Notice(problem(), Notice.Transition.FIRING, "")), 5, false, "");
    JsonObject slack =
        JsonParser.parseString(WebhookBody.of(WebhookBody.Format.SLACK, m, 0)).getAsJsonObject();
    assertThat(slack.get("text").getAsString()).isEqualTo("Vigil: 1 firing");
    assertThat(
            slack
                .getAsJsonArray("blocks")
                .get(1)
                .getAsJsonObject()
                .getAsJsonObject("text")
                .get("text")
                .getAsString())
        .startsWith("FIRING critical cpu.high on web-1: CPU at 97%");
    JsonObject mattermost =
        JsonParser.parseString(WebhookBody.of(WebhookBody.Format.MATTERMOST, m, 0))
            .getAsJsonObject();
    assertThat(
            mattermost
                .getAsJsonArray("attachments")
                .get(0)
                .getAsJsonObject()
                .get("color")
                .getAsString())
        .isEqualTo("#d00000");
    JsonObject teams =
        JsonParser.parseString(WebhookBody.of(WebhookBody.Format.TEAMS, m, 0)).getAsJsonObject();
    assertThat(teams.get("@type").getAsString()).isEqualTo("MessageCard");
    assertThat(teams.getAsJsonArray("sections")).hasSize(1);
  }
}
