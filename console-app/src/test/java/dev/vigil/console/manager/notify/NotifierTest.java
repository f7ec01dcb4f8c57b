package dev.vigil.console.manager.notify;

import static dev.vigil.console.manager.notify.NotifierFixture.config;
import static dev.vigil.console.manager.notify.NotifierFixture.route;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vigil.console.manager.api.Problem;
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

/** The notifier on the manager's real alert path and store: routing, grouping and noise. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class NotifierTest {
  private static final Duration WINDOW = Duration.ofMillis(400);

  @TempDir Path dir;
  private NotifierFixture f;

  @AfterEach
  void close() {
    if (f != null) {
      f.close();
    }
  }

  @Test
  void aWaveOf200ProblemsIsOneMessagePerChannel() throws Exception {
    f = new NotifierFixture(dir);
    f.start(
        config(Duration.ofSeconds(2), RateLimit.NONE, route("all", "", List.of("ops", "hook"))),
        "ops",
        "hook");
    for (int i = 0; i < 200; i++) {
      f.alert("agent-" + i, "cpu.high", Severity.WARNING, AlertState.FIRING);
    }
    for (String c : List.of("ops", "hook")) {
      RecordingChannel ch = f.channels.get(c);
      await().atMost(Duration.ofSeconds(20)).until(() -> ch.told().size() == 200);
      assertThat(ch.delivered).as("messages to %s", c).hasSize(1);
      assertThat(ch.delivered.get(0).notices())
          .extracting(n -> n.problem().agentId())
          .doesNotHaveDuplicates();
    }
  }

  @Test
  void routesTakeProblemsBySeverityRuleHostAndTag() throws Exception {
    f = new NotifierFixture(dir);
    f.start(
        config(
            WINDOW,
            RateLimit.NONE,
            route("pager", "severity>=critical", List.of("pager")),
            route("web", "rule=cpu.* host=web-*", List.of("web")),
            route("prod", "tag=prod", List.of("prod"))),
        "pager",
        "web",
        "prod");
    f.alert("web-1", "cpu.high", Severity.WARNING, AlertState.FIRING);
    f.alert("db-1", "cpu.high", Severity.CRITICAL, AlertState.FIRING);
    f.alert("web-2", "disk.full", Severity.WARNING, AlertState.FIRING);
    f.alert("prod-7", "memory.high", Severity.WARNING, AlertState.FIRING);
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> f.channels.values().stream().allMatch(c -> !c.delivered.isEmpty()));
    assertThat(f.channels.get("pager").delivered.get(0).notices())
        .extracting(n -> n.problem().hostname())
        .containsExactly("db-1.example");
    assertThat(f.channels.get("web").delivered.get(0).notices())
        .extracting(n -> n.problem().hostname())
        .containsExactly("web-1.example");
    assertThat(f.channels.get("prod").delivered.get(0).notices())
        .extracting(n -> n.problem().hostname())
        .containsExactly("prod-7.example");
  }

  @Test
  void theRateLimitFoldsWhatIsOverItIntoTheNextMessageAndDropsNothing() throws Exception {
    f = new NotifierFixture(dir);
    f.start(
        config(
            Duration.ofMillis(100),
            new RateLimit(2, Duration.ofSeconds(3)),
            route("all", "", List.of("ops"))),
        "ops");
    RecordingChannel ops = f.channels.get("ops");
    for (int wave = 0; wave < 5; wave++) {
      f.alert("agent-" + wave, "cpu.high", Severity.WARNING, AlertState.FIRING);
      int told = wave + 1;
      if (wave < 2) {
        await().atMost(Duration.ofSeconds(5)).until(() -> ops.told().size() == told);
      }
    }
    // Two messages in the first 3 s; the three problems after them wait and go in one message.
    await().atMost(Duration.ofSeconds(10)).until(() -> ops.told().size() == 5);
    assertThat(ops.delivered).hasSize(3);
    assertThat(ops.delivered.get(2).notices()).hasSize(3);
  }

  @Test
  void aResolutionGoesToWhoeverWasToldAndAnAcknowledgementIsAnnouncedOnce() throws Exception {
    f = new NotifierFixture(dir);
    f.start(
        config(
            WINDOW,
            RateLimit.NONE,
            route("crit", "severity=critical", List.of("pager")),
            route("all", "", List.of("ops"))),
        "pager",
        "ops");
    f.alert("web-1", "cpu.high", Severity.WARNING, AlertState.FIRING);
    RecordingChannel ops = f.channels.get("ops");
    await().atMost(Duration.ofSeconds(10)).until(() -> ops.told().size() == 1);
    Problem p = f.problem("web-1", "cpu.high");
    f.alerts.acknowledge(p.alertId(), "ada", "looking");
    f.alerts.acknowledge(p.alertId(), "ada", "still looking");
    f.alert("web-1", "cpu.high", Severity.WARNING, AlertState.RESOLVED);
    await().atMost(Duration.ofSeconds(10)).until(() -> ops.told().size() == 3);
    assertThat(ops.told())
        .containsExactly("FIRING cpu.high", "ACKNOWLEDGED cpu.high", "RESOLVED cpu.high");
    assertThat(ops.delivered.get(1).notices().get(0).note()).isEqualTo("acknowledged by ada");
    assertThat(f.channels.get("pager").delivered).as("the pager was never told of it").isEmpty();
  }

  @Test
  void acknowledgedAndSnoozedProblemsDoNotNotify() throws Exception {
    f = new NotifierFixture(dir);
    f.start(config(WINDOW, RateLimit.NONE, route("all", "", List.of("ops"))), "ops");
    f.alerts.snooze("web-1", null, System.currentTimeMillis() + 60_000, "ada");
    f.alert("web-1", "cpu.high", Severity.CRITICAL, AlertState.FIRING);
    f.alert("web-2", "cpu.high", Severity.WARNING, AlertState.FIRING);
    RecordingChannel ops = f.channels.get("ops");
    await().atMost(Duration.ofSeconds(10)).until(() -> ops.told().size() == 1);
    Problem p = f.problem("web-2", "cpu.high");
    f.alerts.acknowledge(p.alertId(), "ada", "");
    f.alert("web-2", "cpu.high", Severity.WARNING, AlertState.FIRING); // a repeat: no news
    f.alert("web-3", "cpu.high", Severity.WARNING, AlertState.FIRING);
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> ops.told().contains("FIRING cpu.high") && ops.told().size() == 3);
    assertThat(ops.delivered)
        .flatExtracting(m -> m.notices())
        .extracting(n -> n.problem().agentId())
        .containsExactly("web-2", "web-2", "web-3");
  }

  @Test
  void anUnacknowledgedCriticalEscalatesAndAcknowledgingStopsIt() throws Exception {
    f = new NotifierFixture(dir);
    f.start(
        config(
            WINDOW,
            RateLimit.NONE,
            new Route(
                "ops",
                Match.parse("severity>=warning"),
                List.of("ops"),
                Duration.ofMinutes(15),
                List.of("pager"))),
        "ops",
        "pager");
    f.alert("db-1", "disk.full", Severity.CRITICAL, AlertState.FIRING);
    f.alert("db-2", "disk.full", Severity.CRITICAL, AlertState.FIRING);
    f.alert("db-3", "disk.full", Severity.WARNING, AlertState.FIRING);
    RecordingChannel ops = f.channels.get("ops");
    RecordingChannel pager = f.channels.get("pager");
    await().atMost(Duration.ofSeconds(10)).until(() -> ops.told().size() == 3);
    Problem acked = f.problem("db-2", "disk.full");
    f.alerts.acknowledge(acked.alertId(), "ada", "on it");
    f.skew.set(Duration.ofMinutes(16).toMillis());
    await().atMost(Duration.ofSeconds(10)).until(() -> !pager.delivered.isEmpty());
    assertThat(pager.delivered.get(0).notices())
        .singleElement()
        .satisfies(
            n -> {
              assertThat(n.transition()).isEqualTo(Notice.Transition.ESCALATED);
              assertThat(n.problem().agentId()).isEqualTo("db-1");
              assertThat(n.note()).contains("not acknowledged within 15m");
            });
    // Resolved: the pager was told of it, so it hears of the resolution too.
    f.alert("db-1", "disk.full", Severity.CRITICAL, AlertState.RESOLVED);
    await().atMost(Duration.ofSeconds(10)).until(() -> pager.told().size() == 2);
    assertThat(pager.told()).containsExactly("ESCALATED disk.full", "RESOLVED disk.full");
  }

  @Test
  void aLongFiringProblemIsRemindedOfEachPeriodUntilAcknowledged() throws Exception {
    f = new NotifierFixture(dir);
    f.start(
        config(WINDOW, RateLimit.NONE, route("all", "", List.of("ops")))
            .reminders(Duration.ofHours(4)),
        "ops");
    f.alert("web-1", "cpu.high", Severity.WARNING, AlertState.FIRING);
    RecordingChannel ops = f.channels.get("ops");
    await().atMost(Duration.ofSeconds(10)).until(() -> ops.told().size() == 1);
    f.skew.set(Duration.ofHours(4).plusMinutes(1).toMillis());
    await().atMost(Duration.ofSeconds(10)).until(() -> ops.told().size() == 2);
    assertThat(ops.delivered.get(1).notices().get(0).note()).isEqualTo("still firing after 4h");
    f.alerts.acknowledge(f.problem("web-1", "cpu.high").alertId(), "ada", "");
    await().atMost(Duration.ofSeconds(10)).until(() -> ops.told().size() == 3);
    f.skew.set(Duration.ofHours(8).plusMinutes(1).toMillis());
    f.alert("web-2", "cpu.high", Severity.WARNING, AlertState.FIRING);
    await().atMost(Duration.ofSeconds(10)).until(() -> ops.told().size() == 4);
    assertThat(ops.told())
        .containsExactly(
            "FIRING cpu.high", "REMINDER cpu.high", "ACKNOWLEDGED cpu.high", "FIRING cpu.high");
  }

  @Test
  void aChannelFailingLongerThanItsLimitIsAProblemOfTheConsoleUntilItWorksAgain() throws Exception {
    f = new NotifierFixture(dir);
    RecordingChannel ops = f.channels.computeIfAbsent("ops", RecordingChannel::new);
    ops.failing.set("cannot reach the webhook at http://127.0.0.1:9/ (Connection refused)");
    f.start(
        config(Duration.ofMillis(100), RateLimit.NONE, route("all", "", List.of("ops"))), "ops");
    f.alert("web-1", "cpu.high", Severity.WARNING, AlertState.FIRING);
    await().atMost(Duration.ofSeconds(10)).until(() -> !f.own.isEmpty());
    assertThat(f.own.get(0))
        .startsWith("raised notify.ops: Notifications to channel 'ops' (webhook) have failed for")
        .endsWith(": cannot reach the webhook at http://127.0.0.1:9/ (Connection refused)");
    assertThat(ops.attempts).as("retried with backoff").hasSizeGreaterThan(1);
    f.alert("web-2", "cpu.high", Severity.WARNING, AlertState.FIRING);
    ops.failing.set(null);
    await().atMost(Duration.ofSeconds(10)).until(() -> f.own.size() == 2 && ops.told().size() == 2);
    assertThat(f.own.get(1))
        .isEqualTo("resolved notify.ops: Notifications to channel 'ops' work again");
    assertThat(ops.delivered).as("the first message, then what waited while it failed").hasSize(2);
  }

  @Test
  void whatWasNotDeliveredBeforeAStopIsDeliveredOnceAfterTheStart() throws Exception {
    f = new NotifierFixture(dir);
    RecordingChannel ops = f.channels.computeIfAbsent("ops", RecordingChannel::new);
    ops.failing.set("the receiver is down");
    NotifyConfig config =
        config(Duration.ofMillis(100), RateLimit.NONE, route("all", "", List.of("ops")));
    f.start(config, "ops");
    f.alert("web-1", "cpu.high", Severity.WARNING, AlertState.FIRING);
    await().atMost(Duration.ofSeconds(10)).until(() -> ops.attempts.size() >= 2);
    f.stop();
    f.alert("web-1", "cpu.high", Severity.WARNING, AlertState.RESOLVED); // while it is stopped
    ops.failing.set(null);
    f.start(config, "ops");
    await().atMost(Duration.ofSeconds(10)).until(() -> ops.told().size() == 2);
    assertThat(ops.told()).containsExactly("FIRING cpu.high", "RESOLVED cpu.high");
    f.stop();
    f.start(config, "ops");
    f.alert("web-9", "cpu.high", Severity.WARNING, AlertState.FIRING);
    await().atMost(Duration.ofSeconds(10)).until(() -> ops.told().size() == 3);
    assertThat(ops.delivered).extracting(Message::id).doesNotHaveDuplicates();
  }
}
