package dev.vigil.console.manager.notify;

import dev.vigil.console.manager.alerts.AlertService;
import dev.vigil.console.manager.api.AlertEvent;
import dev.vigil.console.manager.api.Problem;
import dev.vigil.console.manager.fleet.Listeners;
import dev.vigil.console.manager.store.ConsoleStore;
import dev.vigil.console.manager.store.NotificationTable;
import dev.vigil.protocol.message.AlertReport;
import dev.vigil.protocol.message.AlertState;
import dev.vigil.protocol.message.Severity;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A real store and the manager's real alert path (AlertService, Problems) with a notifier
 * listening, as the manager wires them, over recording channels; its clock runs with the real one
 * plus a skew a test may add to, for reminders and escalation.
 */
final class NotifierFixture implements AutoCloseable {
  final ConsoleStore store;
  final Listeners listeners = new Listeners();
  final AlertService alerts = new AlertService(listeners);
  final AtomicLong skew = new AtomicLong();
  final List<String> own = new CopyOnWriteArrayList<>();
  final Map<String, RecordingChannel> channels = new LinkedHashMap<>();
  private final AtomicLong sequence = new AtomicLong();
  Notifier notifier;

  NotifierFixture(Path dir) throws IOException {
    store = new ConsoleStore(dir);
    alerts.attach(store);
  }

  long now() {
    return System.currentTimeMillis() + skew.get();
  }

  /** Starts a notifier over recording channels of these names, with fast retries. */
  Notifier start(NotifyConfig config, String... names) {
    Map<String, Channel> built = new LinkedHashMap<>();
    for (String n : names) {
      RecordingChannel c = channels.computeIfAbsent(n, RecordingChannel::new);
      built.put(n, c);
    }
    Notifier.OwnProblems problems =
        new Notifier.OwnProblems() {
          @Override
          public void raise(String rule, String sentence) {
            own.add("raised " + rule + ": " + sentence);
          }

          @Override
          public void resolve(String rule, String sentence) {
            own.add("resolved " + rule + ": " + sentence);
          }
        };
    notifier =
        new Notifier(
            config,
            built,
            new Notifier.Parts(
                new NotificationTable(store),
                alerts.problems()::active,
                agentId -> agentId.startsWith("prod-") ? Set.of("prod") : Set.of(),
                problems,
                this::now),
            new Delivery.Backoff(Duration.ofMillis(50), Duration.ofMillis(200)));
    listeners.add(notifier);
    notifier.start();
    return notifier;
  }

  /** Stops the notifier as a manager's stop does; the store stays. */
  void stop() {
    notifier.close();
  }

  /** An agent's alert through the manager's real path. */
  void alert(String agent, String rule, Severity severity, AlertState state) {
    alerts.ingest(
        agent,
        agent + ".example",
        new AlertReport(
            sequence.incrementAndGet(), rule, severity, state, 90, 80, now(), rule + " is high"),
        AlertEvent.Channel.TCP);
  }

  Problem problem(String agent, String rule) {
    return alerts.problems().active().stream()
        .filter(p -> p.agentId().equals(agent) && p.rule().equals(rule))
        .findFirst()
        .orElseThrow();
  }

  /** A config of these routes, everything else at its default but the timing. */
  static NotifyConfig config(Duration window, RateLimit limit, Route... routes) {
    Map<String, ChannelSettings> none = new LinkedHashMap<>();
    return new NotifyConfig(
            none,
            new ArrayList<>(List.of(routes)),
            window,
            limit,
            null,
            Duration.ofMillis(300),
            "a test")
        .timing(window, Duration.ofMillis(300), limit);
  }

  static Route route(String name, String match, List<String> to) {
    return new Route(name, Match.parse(match), to, null, null);
  }

  @Override
  public void close() {
    if (notifier != null) {
      notifier.close();
    }
    store.close();
  }
}
