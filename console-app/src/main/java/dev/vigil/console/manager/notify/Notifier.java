package dev.vigil.console.manager.notify;

import dev.vigil.console.manager.api.FleetListener;
import dev.vigil.console.manager.api.NotificationChannel;
import dev.vigil.console.manager.api.NotificationTest;
import dev.vigil.console.manager.api.Problem;
import dev.vigil.console.manager.api.ProblemChange;
import dev.vigil.console.manager.store.ConsoleStore;
import dev.vigil.console.manager.store.NotificationTable;
import dev.vigil.protocol.message.Severity;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The notifier: turns problem changes into notices by the routes, writes each to the store's outbox
 * before anything is sent, groups a channel's notices into one message per group window within its
 * rate limit, and has each channel's {@link Delivery} send them. Reminds of long-firing problems,
 * escalates unacknowledged critical ones, and raises a problem of the console's own when a channel
 * keeps failing. Acknowledged and snoozed problems are not told; a resolution goes to whoever was
 * told of the problem. Thread-safe.
 */
public final class Notifier implements FleetListener, AutoCloseable {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Notifier.class);

  /** How a problem is acknowledged, told in every message. */
  static final String ACKNOWLEDGE_HINT =
      "Acknowledge the problem in the window (Problems, Acknowledge), or headless: ack ALERT_ID";

  /** The rule of the console's own problem about a failing channel: {@code notify.NAME}. */
  public static final String FAILING_RULE = "notify.";

  /** How far before the newest notice a start looks for problems a kill left untold. */
  private static final Duration CATCH_UP_MARGIN = Duration.ofMinutes(1);

  /** How long delivered messages stay in the store (pruned hourly). */
  static final Duration KEPT = Duration.ofDays(30);

  /** What the console raises and resolves about itself. */
  public interface OwnProblems {
    /** Raises the console's problem {@code rule} with a sentence, once. */
    void raise(String rule, String sentence);

    /** Resolves it, if it is raised. */
    void resolve(String rule, String sentence);
  }

  /**
   * What the notifier uses of the manager.
   *
   * @param table the outbox in the store
   * @param active the active problems now
   * @param tags an agent's tags (empty for agents without tags)
   * @param own the console's own problems
   * @param clock the time in milliseconds
   */
  public record Parts(
      NotificationTable table,
      Supplier<List<Problem>> active,
      Function<String, Set<String>> tags,
      OwnProblems own,
      LongSupplier clock) {}

  private final NotifyConfig config;
  private final Parts parts;
  private final Map<String, Delivery> deliveries = new LinkedHashMap<>();
  private final Map<String, RateLimit.Window> windows = new ConcurrentHashMap<>();
  private final Outbox outbox;
  private final Repeats repeats;
  private final java.util.concurrent.locks.ReentrantLock changes =
      new java.util.concurrent.locks.ReentrantLock();

  /**
   * Problems whose resolution came before their opening was handled, so that the opening tells
   * both; the newest thousand (one no route took never opens here).
   */
  private final Map<Long, Problem> resolvedFirst =
      new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Problem> eldest) {
          return size() > 1_000;
        }
      };

  private final ScheduledExecutorService ticker =
      Executors.newSingleThreadScheduledExecutor(
          r -> Thread.ofPlatform().daemon().name("vigil-notify").unstarted(r));
  private volatile boolean closed;
  private long lastPrune;

  /**
   * A notifier over built channels; nothing runs before {@link #start}.
   *
   * @param channels the channels by name, as the config names them
   */
  Notifier(
      NotifyConfig config, Map<String, Channel> channels, Parts parts, Delivery.Backoff backoff) {
    this.config = config;
    this.parts = parts;
    this.outbox = new Outbox(parts.table(), channels.keySet());
    this.repeats = new Repeats(config, outbox, deliveries, parts);
    channels.forEach(
        (name, c) -> {
          deliveries.put(
              name, new Delivery(c, parts.table(), backoff, parts.clock(), ACKNOWLEDGE_HINT));
          windows.put(name, new RateLimit.Window(config.rateLimit()));
        });
  }

  /** A notifier with the default backoff (5 s doubling to 10 minutes). */
  public Notifier(NotifyConfig config, Map<String, Channel> channels, Parts parts) {
    this(config, channels, parts, Delivery.Backoff.DEFAULT);
  }

  /**
   * Reads the notifications config for a data directory and command line, and builds its channels.
   *
   * @throws IOException with a sentence naming the file, the line and the key of a mistake, or the
   *     chmod a secrets file needs
   */
  public static Notifier open(NotifySetup setup, java.nio.file.Path dataDir, Parts parts)
      throws java.io.IOException {
    NotifyConfig config;
    try {
      config = NotifyConfigFile.load(setup, dataDir);
      return new Notifier(config, ChannelTypes.createAll(config), parts);
    } catch (dev.vigil.common.config.ConfigException e) {
      throw new java.io.IOException(e.getMessage(), e);
    }
  }

  /**
   * Catches up with what an earlier run could not finish (a resolution or a firing not yet told,
   * messages not yet delivered) and starts delivering.
   */
  public void start() {
    if (deliveries.isEmpty()) {
      return;
    }
    changes.lock();
    try {
      long now = parts.clock().getAsLong();
      for (NotificationTable.Told t : parts.table().told()) {
        Problem p = t.problem();
        if (!deliveries.containsKey(t.channel())) {
          continue; // a channel the config no longer has
        }
        if (p.active()) {
          outbox.told(p.id(), t.firstToldMillis(), t.channel());
        } else {
          outbox.notice(t.channel(), p, Notice.Transition.RESOLVED, "", "", now);
        }
      }
      for (Problem p : parts.active().get()) {
        firing(p, now); // written before the kill, told never: the unique key makes this safe
      }
      for (Problem p : parts.table().resolvedUntold(CATCH_UP_MARGIN.toMillis())) {
        // Opened and resolved around a kill that came between the problem's write and its notices'.
        if (!p.acknowledged()) {
          for (String c : routed(p)) {
            outbox.notice(c, p, Notice.Transition.FIRING, p.severity().name(), "", now);
            outbox.notice(c, p, Notice.Transition.RESOLVED, "", "", now);
          }
          outbox.forget(p.id());
        }
      }
    } finally {
      changes.unlock();
    }
    deliveries.values().forEach(Delivery::start);
    long tick = Math.max(50, Math.min(1000, config.groupWindow().toMillis() / 4));
    ticker.scheduleWithFixedDelay(this::tick, tick, tick, TimeUnit.MILLISECONDS);
    LOG.info(
        "Notifications from {}: {}",
        config.source(),
        deliveries.values().stream()
            .map(d -> d.channel().name() + " " + d.channel().describe())
            .toList());
  }

  @Override
  public void problemChanged(ProblemChange change) {
    if (deliveries.isEmpty() || closed) {
      return;
    }
    Problem p = change.problem();
    long now = parts.clock().getAsLong();
    // One change at a time: an agent's alerts come by UDP and TCP on two threads, so a problem's
    // resolution may be handled before its opening (see resolvedFirst).
    changes.lock();
    try {
      switch (change.kind()) {
        case OPENED, SEVERITY_CHANGED -> {
          // Two severities: a change to WARNING is a de-escalation, not news.
          boolean news =
              change.kind() == ProblemChange.Kind.OPENED || p.severity() == Severity.CRITICAL;
          if (news && (change.cause() == null || !change.cause().snoozed())) {
            firing(p, now);
          }
        }
        case RESOLVED, ENDED -> {
          Outbox.Told t = outbox.forget(p.id());
          if (t != null) {
            t.channels().forEach(c -> outbox.notice(c, p, Notice.Transition.RESOLVED, "", "", now));
          } else if (p.id() != 0) {
            resolvedFirst.put(p.id(), p);
          }
        }
        case ACKNOWLEDGED -> {
          Outbox.Told t = outbox.told(p.id());
          if (t != null) {
            String note = "acknowledged by " + p.acknowledgedBy();
            t.channels()
                .forEach(c -> outbox.notice(c, p, Notice.Transition.ACKNOWLEDGED, "", note, now));
          }
        }
        default -> {}
      }
    } catch (ConsoleStore.StoreException e) {
      // The next start catches up with firing and resolved problems from the store.
      LOG.warn("Notification of {} on {} not written: {}", p.rule(), p.hostname(), e.getMessage());
    } finally {
      changes.unlock();
    }
  }

  private void firing(Problem p, long now) {
    if (!p.active() || p.acknowledged() || p.snoozedAt(now) || p.id() == 0) {
      return;
    }
    Problem resolved = resolvedFirst.remove(p.id());
    for (String c : routed(p)) {
      outbox.notice(c, p, Notice.Transition.FIRING, p.severity().name(), "", now);
      if (resolved != null) {
        outbox.notice(c, resolved, Notice.Transition.RESOLVED, "", "", now);
      }
    }
    if (resolved != null) {
      outbox.forget(p.id());
    }
  }

  private Set<String> routed(Problem p) {
    Set<String> to = new LinkedHashSet<>();
    Set<String> tags = parts.tags().apply(p.agentId());
    for (Route r : config.routes()) {
      if (r.match().matches(p, tags)) {
        to.addAll(r.to());
      }
    }
    return to;
  }

  /** Groups, escalates, reminds, re-sends and watches failures; runs on the notifier's thread. */
  void tick() {
    if (closed) {
      return;
    }
    try {
      long now = parts.clock().getAsLong();
      List<Problem> active = parts.active().get();
      changes.lock();
      try {
        repeats.escalate(active, now);
        repeats.remind(active, now);
      } finally {
        changes.unlock();
      }
      repeats.resend(active, now);
      for (NotificationTable.Waiting w : parts.table().waiting()) {
        Delivery d = deliveries.get(w.channel());
        // While a channel fails its notices wait, to go as one message once it works again.
        if (d != null
            && d.failingSince() == 0
            && now - w.oldestMillis() >= config.groupWindow().toMillis()
            && windows.get(w.channel()).take(now)) {
          parts.table().group(w.channel(), now);
          d.wake();
        }
      }
      repeats.watchFailures(now);
      if (now - lastPrune >= Duration.ofHours(1).toMillis()) {
        lastPrune = now;
        parts.table().prune(now - KEPT.toMillis());
      }
    } catch (ConsoleStore.StoreException e) {
      if (!closed) {
        LOG.warn("Notifications: {}", e.getMessage());
      }
    } catch (RuntimeException e) {
      // A bug must not stop the ticker (a scheduled task that throws is never run again).
      LOG.error("Notifications: unexpected failure in the notifier's tick", e);
    }
  }

  /**
   * Writes a test message to a channel and sends it at once (outside the group window and rate
   * limit).
   *
   * @return what became of it: delivered, or the sentence of its first failed attempt (it is
   *     retried like any other message)
   * @throws IllegalArgumentException when there is no such channel
   */
  public CompletableFuture<NotificationTest> sendTest(String channel) {
    Delivery d = deliveries.get(channel);
    if (d == null) {
      throw new IllegalArgumentException(
          "there is no notification channel '"
              + channel
              + "'"
              + (deliveries.isEmpty()
                  ? ""
                  : "; the channels are " + String.join(", ", deliveries.keySet())));
    }
    long id = parts.table().addMessage(channel, parts.clock().getAsLong(), true, "[]");
    CompletableFuture<String> outcome = d.outcome(id);
    d.wake();
    LOG.info("Test notification {} to '{}'", id, channel);
    return outcome.thenApply(
        failure ->
            failure == null
                ? new NotificationTest(
                    channel, true, "channel '" + channel + "' accepted the test message " + id)
                : new NotificationTest(
                    channel,
                    false,
                    "channel '" + channel + "' did not accept the test message: " + failure));
  }

  /** The channels as the window shows them, their record from the store. */
  public List<NotificationChannel> channelViews() {
    List<NotificationChannel> views = new java.util.ArrayList<>();
    for (Delivery d : deliveries.values()) {
      Channel c = d.channel();
      NotificationTable.ChannelRecord r = parts.table().record(c.name());
      views.add(
          new NotificationChannel(
              c.name(),
              c.type(),
              c.describe(),
              r.lastDeliveredMillis(),
              r.pending(),
              r.lastError(),
              routesTo(c.name())));
    }
    return views;
  }

  /** How problems reach channel {@code name}: one sentence per route that tells it. */
  private List<String> routesTo(String name) {
    List<String> routes = new java.util.ArrayList<>();
    for (Route r : config.routes()) {
      if (r.to().contains(name)) {
        routes.add("route " + r.name() + ": " + r.match());
      }
      if (r.escalates() && r.escalateTo().contains(name)) {
        routes.add(
            "escalation of route "
                + r.name()
                + " after "
                + dev.vigil.common.Durations.format(r.escalateAfter()));
      }
    }
    return routes;
  }

  /** The channels, in the config's order. */
  public List<Channel> channels() {
    return deliveries.values().stream().map(Delivery::channel).toList();
  }

  /** A channel's failure sentence while it fails, or empty. */
  public String lastError(String channel) {
    Delivery d = deliveries.get(channel);
    return d == null || d.failingSince() == 0 ? "" : d.lastError();
  }

  @Override
  public void close() {
    closed = true;
    ticker.shutdownNow();
    try {
      ticker.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    // Every channel's attempt under way finishes together, within one grace.
    deliveries.values().forEach(Delivery::stop);
    List<String> busy =
        deliveries.values().stream()
            .filter(Delivery::sending)
            .map(d -> d.channel().name())
            .toList();
    if (!busy.isEmpty()) {
      LOG.info(
          "Stopping: waiting up to {} for the notifications under way to {}",
          dev.vigil.common.Durations.format(Delivery.STOP_GRACE),
          String.join(", ", busy));
    }
    long deadline = System.nanoTime() + Delivery.STOP_GRACE.toNanos();
    deliveries.values().forEach(d -> d.awaitStopped(deadline));
  }
}
