package dev.vigil.console.manager.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.gson.JsonParser;
import dev.vigil.console.manager.store.NotificationTable;
import dev.vigil.protocol.message.AlertState;
import dev.vigil.protocol.message.Severity;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The wave benchmark's smoke: a wave of problems from as many agents within the same minute, on the
 * manager's real alert path and store, told to two real webhooks on loopback: the messages sent per
 * channel, the time from the first problem to the first notification, and what the notifier adds to
 * each alert's ingest. CI runs 2,000 problems and a 5 s window; bench/notify-wave.sh gives the
 * documented run ({@code -Dvigil.bench.notify.problems=10000 -Dvigil.bench.notify.window=30s}).
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class NotifyWaveTest {
  private static final int PROBLEMS = Integer.getInteger("vigil.bench.notify.problems", 2_000);
  private static final Duration WINDOW =
      dev.vigil.common.Durations.parse(System.getProperty("vigil.bench.notify.window", "5s"));

  @TempDir Path dir;

  /** Milliseconds to ingest the wave, with the notifier listening or not. */
  private long ingest(NotifierFixture f) {
    long start = System.nanoTime();
    for (int i = 0; i < PROBLEMS; i++) {
      f.alert("agent-" + i, "cpu", Severity.CRITICAL, AlertState.FIRING);
    }
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
  }

  @Test
  void aWaveIsAHandfulOfMessagesPerChannelAndTheFirstGoesWithinTheWindow() throws Exception {
    long without;
    try (NotifierFixture baseline =
        new NotifierFixture(Files.createDirectories(dir.resolve("a")))) {
      ingest(baseline); // warm-up of the same path
    }
    try (NotifierFixture baseline =
        new NotifierFixture(Files.createDirectories(dir.resolve("b")))) {
      without = ingest(baseline);
    }
    try (WebhookReceiver receiver = new WebhookReceiver();
        NotifierFixture f = new NotifierFixture(Files.createDirectories(dir.resolve("c")))) {
      NotifyConfig config =
          NotifierFixture.config(
              WINDOW,
              NotifyConfig.DEFAULT_RATE_LIMIT,
              NotifierFixture.route("all", "", List.of("ops", "chat")));
      Map<String, Channel> channels =
          Map.of(
              "ops",
                  new WebhookChannel(
                      "ops",
                      URI.create(receiver.url("/ops")),
                      WebhookBody.Format.VIGIL,
                      null,
                      System::currentTimeMillis),
              "chat",
                  new WebhookChannel(
                      "chat",
                      URI.create(receiver.url("/chat")),
                      WebhookBody.Format.SLACK,
                      null,
                      System::currentTimeMillis));
      Notifier n =
          new Notifier(
              config,
              channels,
              new Notifier.Parts(
                  new NotificationTable(f.store),
                  f.alerts.problems()::active,
                  id -> Set.of(),
                  new Notifier.OwnProblems() {
                    @Override
                    public void raise(String rule, String sentence) {}

                    @Override
                    public void resolve(String rule, String sentence) {}
                  },
                  System::currentTimeMillis));
      f.notifier = n;
      f.listeners.add(n);
      n.start();
      long first = System.currentTimeMillis();
      long with = ingest(f);
      await().atMost(WINDOW.plusSeconds(60)).until(() -> told(receiver, "/ops") == PROBLEMS);
      long firstNotification =
          receiver.received.stream()
              .mapToLong(WebhookReceiver.Received::atMillis)
              .min()
              .orElseThrow();
      long ops = receiver.received.stream().filter(r -> r.path().equals("/ops")).count();
      long chat = receiver.received.stream().filter(r -> r.path().equals("/chat")).count();
      System.out.printf(
          "notify wave: %d problems ingested in %d ms (%d ms without the notifier); %d message(s)"
              + " to ops, %d to chat; first notification %d ms after the first problem (window %s)%n",
          PROBLEMS, with, without, ops, chat, firstNotification - first, WINDOW);
      assertThat(ops).as("messages to ops").isLessThanOrEqualTo(5);
      assertThat(firstNotification - first).isLessThan(WINDOW.plusSeconds(5).toMillis());
    }
  }

  private static long told(WebhookReceiver r, String path) {
    return r.received.stream()
        .filter(x -> x.path().equals(path))
        .mapToLong(
            x ->
                JsonParser.parseString(x.text())
                    .getAsJsonObject()
                    .getAsJsonArray("problems")
                    .size())
        .sum();
  }
}
