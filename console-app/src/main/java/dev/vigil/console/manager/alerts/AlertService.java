package dev.vigil.console.manager.alerts;

import dev.vigil.common.LogText;
import dev.vigil.console.manager.api.Acknowledgement;
import dev.vigil.console.manager.api.AlertEvent;
import dev.vigil.console.manager.api.ProblemChange;
import dev.vigil.console.manager.fleet.Listeners;
import dev.vigil.console.manager.store.ConsoleStore;
import dev.vigil.console.manager.store.ProblemTable;
import dev.vigil.protocol.datagram.ReplayWindow;
import dev.vigil.protocol.message.AlertReport;
import dev.vigil.protocol.message.AlertState;
import dev.vigil.protocol.message.Severity;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Accepts alerts from both paths exactly once per (agent, sequence) and keeps the most recent ones.
 * Thread-safe.
 */
public final class AlertService {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(AlertService.class);

  /** How many recent alerts the console keeps in memory. */
  public static final int RECENT_LIMIT = 1000;

  /** The rule of the console's alert about an agent over its alert rate limit. */
  static final String DROPPED_RULE = "console.alerts_dropped";

  /** New alerts one agent may raise a minute, once its burst is spent, unless said otherwise. */
  public static final int DEFAULT_ALERTS_PER_MINUTE = 60;

  /** New alerts one agent may raise at once unless said otherwise: an outage's backlog. */
  public static final int DEFAULT_ALERT_BURST = 2_000;

  private final Map<String, ReplayWindow> seen = new ConcurrentHashMap<>();
  private final Deque<AlertEvent> recent = new ArrayDeque<>();
  private final ReentrantLock lock = new ReentrantLock();
  private final Listeners listeners;
  private volatile ConsoleStore store;
  private final java.util.concurrent.atomic.AtomicLong nextId =
      new java.util.concurrent.atomic.AtomicLong();
  private final Map<Long, Acknowledgement> acknowledgements = new ConcurrentHashMap<>();
  private final Map<String, Long> snoozes = new ConcurrentHashMap<>();
  private final Map<String, String> snoozers = new ConcurrentHashMap<>();
  private final Problems problems;
  private final java.util.concurrent.atomic.AtomicLong consoleSequence =
      new java.util.concurrent.atomic.AtomicLong();
  private volatile AlertRateLimit rateLimit =
      new AlertRateLimit(DEFAULT_ALERTS_PER_MINUTE, DEFAULT_ALERT_BURST);

  public AlertService(Listeners listeners) {
    this.listeners = listeners;
    this.problems = new Problems(listeners);
  }

  /** The problems these alerts open, update and resolve. */
  public Problems problems() {
    return problems;
  }

  /**
   * Accepts an alert unless it was seen before: stored first, so that the caller may acknowledge it
   * when this returns, new or not.
   *
   * @return whether it was new
   */
  public boolean ingest(
      String agentId, String hostname, AlertReport alert, AlertEvent.Channel channel) {
    AlertEvent event;
    ProblemChange change;
    lock.lock();
    try {
      ReplayWindow window =
          channel == AlertEvent.Channel.CONSOLE
              ? null
              : seen.computeIfAbsent(agentId, id -> new ReplayWindow());
      // The window answers only "seen just now". A sequence it cannot vouch for (older than
      // its 1,024) goes to the store, whose unique (agent, sequence) index is the exact check:
      // an alert is acknowledged only once it is stored, however old it is.
      if (window != null && window.wasAccepted(alert.sequence())) {
        return false;
      }
      long now = System.currentTimeMillis();
      if (window != null && !rateLimit.admit(agentId, hostname, now)) {
        // Over the agent's limit: dropped, yet seen, so that the agent's resends stop once it
        // gets its ack; counted, and reported once a minute (reportDrops).
        window.accept(alert.sequence());
        return false;
      }
      AlertEvent unsaved =
          new AlertEvent(
              0, agentId, hostname, alert, channel, now, snoozedUntil(agentId, alert.rule()) > now);
      // Stored before it counts as seen (and before the agent gets its ack): if the store fails,
      // the agent keeps the alert and sends it again.
      long id = store == null ? nextId.incrementAndGet() : store.insertAlert(unsaved);
      if (window != null) {
        window.accept(alert.sequence());
      }
      if (id < 0) {
        return false; // already in the history: sent again after a console restart
      }
      event = new AlertEvent(id, agentId, hostname, alert, channel, now, unsaved.snoozed());
      recent.addFirst(event);
      while (recent.size() > RECENT_LIMIT) {
        recent.removeLast();
      }
      change =
          problems.record(
              event, snoozer(agentId, alert.rule()), snoozedUntil(agentId, alert.rule()));
    } finally {
      lock.unlock();
    }
    listeners.fire(l -> l.alertReceived(event));
    if (change != null) {
      problems.fire(change);
    }
    return true;
  }

  /**
   * From now on accepts from each agent at most {@code burst} new alerts at once, then {@code
   * perMinute} a minute.
   */
  public void limit(int perMinute, int burst) {
    rateLimit = new AlertRateLimit(perMinute, burst);
  }

  /**
   * Reports, at most once a minute per agent, the alerts the rate limit dropped, in the log and as
   * one console alert. The manager's housekeeping calls it every few seconds.
   */
  public void reportDrops() {
    reportDrops(System.currentTimeMillis());
  }

  void reportDrops(long nowMillis) {
    for (AlertRateLimit.Dropped d : rateLimit.due(nowMillis)) {
      if (d.count() == 0) {
        raise(
            d.agentId(),
            d.hostname(),
            DROPPED_RULE,
            Severity.WARNING,
            AlertState.RESOLVED,
            d.hostname() + " is back under its alert rate limit");
        continue;
      }
      String message =
          "dropped " + d.count() + " alerts from " + d.hostname() + " in the last minute";
      LOG.warn("Alert rate limit: {} (agent {})", message, d.agentId());
      raise(
          d.agentId(),
          d.hostname(),
          DROPPED_RULE,
          Severity.WARNING,
          AlertState.FIRING,
          "The console " + message + " (over its limit of new alerts per minute)");
    }
  }

  /** Alerts dropped by the rate limit since the console started, all agents. */
  public long droppedByRateLimit() {
    return rateLimit.droppedTotal();
  }

  /** Records an alert the console raises itself about an agent; never de-duplicated away. */
  void raise(
      String agentId,
      String hostname,
      String rule,
      Severity severity,
      AlertState state,
      String message) {
    long now = System.currentTimeMillis();
    try {
      ingest(
          agentId,
          hostname,
          new AlertReport(
              consoleSequence.incrementAndGet(), rule, severity, state, 0, 0, now, message),
          AlertEvent.Channel.CONSOLE);
    } catch (ConsoleStore.StoreException e) {
      if (store != null && store.isClosed()) {
        // Sessions closing while the console stops: nothing is lost that the operator needs.
        LOG.debug(
            "Console alert {} on {} not recorded: {}", rule, LogText.of(hostname), e.getMessage());
      } else {
        LOG.warn(
            "Console alert {} on {} not recorded: {}", rule, LogText.of(hostname), e.getMessage());
      }
    }
  }

  /**
   * Keeps every accepted alert, acknowledgement and snooze in the store from now on, and brings
   * back the recent alerts and running snoozes of earlier runs.
   */
  public void attach(ConsoleStore store) {
    lock.lock();
    try {
      this.store = store;
      recent.clear();
      recent.addAll(store.recentAlerts(RECENT_LIMIT));
      for (ConsoleStore.Snooze s : store.snoozes(System.currentTimeMillis())) {
        snoozes.put(s.agentId() + "/" + s.rule(), s.untilMillis());
      }
      ProblemTable table = new ProblemTable(store);
      snoozers.putAll(table.snoozers(System.currentTimeMillis()));
      problems.attach(table);
    } finally {
      lock.unlock();
    }
  }

  /**
   * Acknowledges an alert; the acknowledgement is stored with the alert's history.
   *
   * @return false when there is no alert with that id
   */
  public boolean acknowledge(long alertId, String who, String note) {
    Acknowledgement a = new Acknowledgement(alertId, who, System.currentTimeMillis(), note);
    boolean known;
    lock.lock();
    try {
      known =
          store != null ? store.acknowledge(a) : recent.stream().anyMatch(e -> e.id() == alertId);
      if (known) {
        acknowledgements.put(alertId, a);
      }
    } finally {
      lock.unlock();
    }
    if (known) {
      alert(alertId)
          .ifPresent(
              e ->
                  problems.acknowledged(
                      e.agentId(),
                      e.alert().rule(),
                      e.alert().raisedAtMillis(),
                      who,
                      a.atMillis()));
    }
    return known;
  }

  private java.util.Optional<AlertEvent> alert(long alertId) {
    lock.lock();
    try {
      for (AlertEvent e : recent) {
        if (e.id() == alertId) {
          return java.util.Optional.of(e);
        }
      }
    } finally {
      lock.unlock();
    }
    ProblemTable t = problems.table();
    return t == null ? java.util.Optional.empty() : t.alert(alertId);
  }

  /** The acknowledgement of an alert, if any. */
  public java.util.Optional<Acknowledgement> acknowledgement(long alertId) {
    Acknowledgement a = acknowledgements.get(alertId);
    if (a != null || store == null) {
      return java.util.Optional.ofNullable(a);
    }
    return store.acknowledgement(alertId);
  }

  /**
   * Snoozes an agent's alerts, of one rule or of all ({@code rule} null), until a time: they are
   * still recorded, but marked snoozed so that nobody is interrupted; its active problems show who
   * snoozed them and until when. Snoozes survive a restart.
   */
  public void snooze(String agentId, String rule, long untilMillis, String who) {
    String r = rule == null ? "*" : rule;
    snoozes.put(agentId + "/" + r, untilMillis);
    snoozers.put(agentId + "/" + r, who);
    if (store != null) {
      store.snooze(agentId, r, untilMillis);
      new ProblemTable(store).snoozedBy(agentId, r, who);
    }
    problems.snoozed(agentId, r, who, untilMillis);
  }

  /** The snoozes still running, as agent id and rule ({@code *}: all rules) to end time. */
  public Map<String, Long> snoozes() {
    long now = System.currentTimeMillis();
    Map<String, Long> running = new java.util.TreeMap<>();
    snoozes.forEach(
        (k, until) -> {
          if (until > now) {
            running.put(k, until);
          }
        });
    return running;
  }

  private String snoozer(String agentId, String rule) {
    long all = snoozes.getOrDefault(agentId + "/*", 0L);
    long one = snoozes.getOrDefault(agentId + "/" + rule, 0L);
    return snoozers.getOrDefault(agentId + "/" + (all > one ? "*" : rule), "");
  }

  private long snoozedUntil(String agentId, String rule) {
    return Math.max(
        snoozes.getOrDefault(agentId + "/*", 0L), snoozes.getOrDefault(agentId + "/" + rule, 0L));
  }

  /** The most recent alerts, newest first. */
  public List<AlertEvent> recent() {
    lock.lock();
    try {
      return List.copyOf(recent);
    } finally {
      lock.unlock();
    }
  }
}
