package dev.vigil.console.headless;

import dev.vigil.console.manager.api.NotificationChannel;
import dev.vigil.console.manager.api.NotificationTest;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import picocli.CommandLine;
import picocli.CommandLine.Parameters;

/** The notification channels: their targets (secrets masked) and record, and a test message. */
final class NotifyCommands {
  private final Session session;

  NotifyCommands(Session session) {
    this.session = session;
  }

  @CommandLine.Command(
      name = "notifications",
      description = "list the notification channels, their last delivery and error")
  void notifications() {
    List<NotificationChannel> channels = session.api().notificationChannels();
    session
        .out()
        .data(
            channels,
            text -> {
              if (channels.isEmpty()) {
                text.line(
                    "No notification channels: see docs/notifications.md (--webhook URL, or"
                        + " --notifications FILE).");
              }
              for (NotificationChannel c : channels) {
                text.line(
                    "%-16s  %-12s  %s  last delivery %s%s%s",
                    c.name(),
                    c.type(),
                    c.target(),
                    c.lastDeliveredMillis() == 0
                        ? "never"
                        : Formats.dateTime(Instant.ofEpochMilli(c.lastDeliveredMillis())),
                    c.pending() == 0 ? "" : ", " + c.pending() + " waiting",
                    c.lastError().isEmpty() ? "" : "; failing: " + c.lastError());
              }
            });
  }

  @CommandLine.Command(
      name = "notify-test",
      description = "send a test message to a notification channel now and say what became of it")
  void notifyTest(
      @Parameters(paramLabel = "CHANNEL", description = "the channel's name") String channel)
      throws InterruptedException {
    NotificationTest outcome;
    try {
      outcome =
          session.api().sendTestNotification(session.operator(), channel).get(30, TimeUnit.SECONDS);
    } catch (IllegalArgumentException e) {
      session.out().fail("%s", e.getMessage());
      return;
    } catch (ExecutionException e) {
      session.out().fail("%s", e.getCause().getMessage());
      return;
    } catch (TimeoutException e) {
      session
          .out()
          .fail(
              "channel '%s' has not answered the test message within 30 s; it is still being retried",
              channel);
      return;
    }
    if (!outcome.delivered()) {
      session.out().fail("%s", outcome.sentence());
      return;
    }
    session.out().data(outcome, text -> text.line("%s", outcome.sentence()));
  }
}
