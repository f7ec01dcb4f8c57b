package dev.vigil.console.manager.notify;

import dev.vigil.common.Durations;
import dev.vigil.console.manager.api.Problem;
import dev.vigil.protocol.message.Severity;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the notifier tells again on its own clock: an unacknowledged critical problem escalated to
 * its route's next channels, a reminder for a problem still firing, and the periodic re-send a
 * channel's far end asks for. Called from the notifier's tick, under its change lock.
 */
final class Repeats {
  private final NotifyConfig config;
  private final Outbox outbox;
  private final Map<String, Delivery> deliveries;
  private final Notifier.Parts parts;
  private final Map<String, Long> reminded = new ConcurrentHashMap<>();
  private final Map<String, Long> lastResend = new ConcurrentHashMap<>();
  private final Set<String> raised = ConcurrentHashMap.newKeySet();

  Repeats(
      NotifyConfig config, Outbox outbox, Map<String, Delivery> deliveries, Notifier.Parts parts) {
    this.config = config;
    this.outbox = outbox;
    this.deliveries = deliveries;
    this.parts = parts;
  }

  /** Forgets what it remembered of a problem that is over. */
  void over(long problemId) {
    reminded.keySet().removeIf(k -> k.startsWith(problemId + "/"));
  }

  void escalate(List<Problem> active, long now) {
    for (Problem p : active) {
      if (p.severity() != Severity.CRITICAL
          || p.acknowledged()
          || p.snoozedAt(now)
          || p.id() == 0) {
        continue;
      }
      Set<String> tags = parts.tags().apply(p.agentId());
      for (Route r : config.routes()) {
        if (r.escalates()
            && now - p.sinceMillis() >= r.escalateAfter().toMillis()
            && r.match().matches(p, tags)
            && reminded.putIfAbsent(p.id() + "/escalated/" + r.name(), now) == null) {
          String note =
              "not acknowledged within "
                  + Durations.format(r.escalateAfter())
                  + " (route '"
                  + r.name()
                  + "')";
          for (String c : r.escalateTo()) {
            outbox.notice(c, p, Notice.Transition.ESCALATED, r.name(), note, now);
          }
        }
      }
    }
  }

  void remind(List<Problem> active, long now) {
    Duration every = config.reminderEvery();
    if (every == null) {
      return;
    }
    for (Problem p : active) {
      Outbox.Told t = outbox.told(p.id());
      if (t == null || p.acknowledged() || p.snoozedAt(now)) {
        continue;
      }
      long round = (now - t.firstMillis()) / every.toMillis();
      String key = p.id() + "/reminder";
      if (round >= 1 && round > reminded.getOrDefault(key, 0L)) {
        reminded.put(key, round);
        String note = "still firing after " + Durations.format(every.multipliedBy(round));
        t.channels()
            .forEach(
                c ->
                    outbox.notice(
                        c, p, Notice.Transition.REMINDER, String.valueOf(round), note, now));
      }
    }
  }

  void resend(List<Problem> active, long now) {
    for (Delivery d : deliveries.values()) {
      Duration period = d.channel().resendWhileFiring().orElse(null);
      String name = d.channel().name();
      if (period == null || d.failingSince() != 0) {
        continue;
      }
      long last = lastResend.computeIfAbsent(name, n -> now);
      if (now - last < period.toMillis()) {
        continue;
      }
      lastResend.put(name, now);
      List<Notice> still = new ArrayList<>();
      for (Problem p : active) {
        Outbox.Told t = outbox.told(p.id());
        if (t != null && t.channels().contains(name)) {
          still.add(new Notice(p, Notice.Transition.STILL_FIRING, ""));
        }
      }
      if (!still.isEmpty()) {
        parts.table().addMessage(name, now, false, NoticeCodec.write(still));
        d.wake();
      }
    }
  }

  /** Raises, once, the console's problem about a channel failing too long; resolves it after. */
  void watchFailures(long now) {
    for (Delivery d : deliveries.values()) {
      String rule = Notifier.FAILING_RULE + d.channel().name();
      long since = d.failingSince();
      if (since != 0 && now - since >= config.failingAfter().toMillis() && raised.add(rule)) {
        parts
            .own()
            .raise(
                rule,
                "Notifications to channel '"
                    + d.channel().name()
                    + "' ("
                    + d.channel().type()
                    + ") have failed for "
                    + Durations.format(Duration.ofMillis(now - since))
                    + ": "
                    + d.lastError());
      } else if (since == 0 && raised.remove(rule)) {
        parts
            .own()
            .resolve(rule, "Notifications to channel '" + d.channel().name() + "' work again");
      }
    }
  }
}
