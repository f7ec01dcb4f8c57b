package dev.vigil.console.manager.notify;

import static dev.vigil.console.manager.notify.NotifierFixture.config;
import static dev.vigil.console.manager.notify.NotifierFixture.route;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vigil.console.manager.api.NotificationChannel;
import dev.vigil.console.manager.api.NotificationTest;
import dev.vigil.protocol.message.AlertState;
import dev.vigil.protocol.message.Severity;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Send test and the channels as the window lists them: a test is tried once and answered, never
 * sent again later or left in front of the channel's real messages; each channel names the routes
 * that tell it.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TestMessagesTest {
  @TempDir Path dir;
  private NotifierFixture f;

  @AfterEach
  void close() {
    if (f != null) {
      f.close();
    }
  }

  @Test
  void aRefusedTestIsAnsweredOnceAndNotSentAgainWhenTheChannelWorks() throws Exception {
    f = new NotifierFixture(dir);
    Notifier n =
        f.start(
            config(Duration.ofMillis(200), RateLimit.NONE, route("all", "", List.of("hook"))),
            "hook");
    RecordingChannel hook = f.channels.get("hook");
    hook.failing.set("127.0.0.1:9 refused the connection");

    NotificationTest answer = n.sendTest("hook").get(10, TimeUnit.SECONDS);
    assertThat(answer.delivered()).isFalse();
    assertThat(answer.sentence())
        .isEqualTo(
            "channel 'hook' did not accept the test message: 127.0.0.1:9 refused the connection");
    assertThat(n.channelViews()).extracting(NotificationChannel::pending).containsExactly(0);

    hook.failing.set(null);
    f.alert("web-1", "cpu.high", Severity.CRITICAL, AlertState.FIRING);
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> hook.told().equals(List.of("FIRING cpu.high")));
    assertThat(hook.delivered).noneMatch(Message::test);
    assertThat(hook.attempts).as("the test once, then the problem once").hasSize(2);
  }

  @Test
  void eachChannelNamesTheRoutesThatTellIt() throws Exception {
    f = new NotifierFixture(dir);
    Route ops =
        new Route(
            "ops",
            Match.parse("severity>=warning   rule=cpu.*"),
            List.of("mail"),
            Duration.ofMinutes(15),
            List.of("pager"));
    Notifier n =
        f.start(
            config(Duration.ofMillis(200), RateLimit.NONE, ops, route("all", "", List.of("mail"))),
            "mail",
            "pager",
            "spare");
    assertThat(n.channelViews())
        .extracting(NotificationChannel::name, NotificationChannel::routes)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "mail",
                List.of("route ops: severity>=warning rule=cpu.*", "route all: severity>=warning")),
            org.assertj.core.groups.Tuple.tuple(
                "pager", List.of("escalation of route ops after 15m")),
            org.assertj.core.groups.Tuple.tuple("spare", List.of()));
  }
}
