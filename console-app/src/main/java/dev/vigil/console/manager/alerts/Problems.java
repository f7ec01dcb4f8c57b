package dev.vigil.console.manager.alerts;

import dev.vigil.common.LogText;
import dev.vigil.console.manager.api.AlertEvent;
import dev.vigil.console.manager.api.Problem;
import dev.vigil.console.manager.api.ProblemChange;
import dev.vigil.console.manager.api.ProblemChange.Kind;
import dev.vigil.console.manager.fleet.Listeners;
import dev.vigil.console.manager.store.ConsoleStore;
import dev.vigil.console.manager.store.ProblemTable;
import dev.vigil.protocol.message.AlertState;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The problems: one per agent and rule, opened by its first FIRING alert, updated in place by the
 * ones after it (a new severity, the same alert again after the agent restarted; an escalation
 * clears the acknowledgement, a de-escalation or a repeat keeps it), over when its RESOLVED alert
 * arrives or the console ends it (the agent was forgotten). Active ones are kept in the store, so
 * they survive a restart; every change goes to the listeners. This is the one definition of
 * "firing" that every face counts. Thread-safe: changes under one lock.
 */
public final class Problems {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Problems.class);

  private final Listeners listeners;
  private final Map<String, Problem> active = new ConcurrentHashMap<>();
  private final Map<String, Long> newestRaised = new ConcurrentHashMap<>();
  private final ReentrantLock lock = new ReentrantLock();
  private final AtomicLong nextId = new AtomicLong();
  private volatile ProblemTable table;

  Problems(Listeners listeners) {
    this.listeners = listeners;
  }

  /** Keeps problems in the store from now on and brings back the active ones of earlier runs. */
  void attach(ProblemTable problems) {
    lock.lock();
    try {
      active.clear();
      newestRaised.clear();
      for (Problem p : problems.active()) {
        active.put(p.key(), p);
        newestRaised.put(p.key(), p.updatedMillis());
      }
      table = problems;
    } finally {
      lock.unlock();
    }
  }

  /** The store's problem table, once attached. */
  ProblemTable table() {
    return table;
  }

  /**
   * Applies a new alert (already in the history) to its problem.
   *
   * @param snoozer who snoozed the alert's rule, if a snooze covers it
   * @param snoozedUntil until when, or 0
   * @return what changed, or null when nothing did (an older alert that came late)
   */
  ProblemChange record(AlertEvent e, String snoozer, long snoozedUntil) {
    String key = Problem.key(e.agentId(), e.alert().rule());
    long raised = e.alert().raisedAtMillis();
    lock.lock();
    try {
      Long newest = newestRaised.get(key);
      if (newest != null && raised < newest) {
        // An outbox resent after a newer alert came by UDP: history only, the problem is newer.
        return null;
      }
      newestRaised.put(key, raised);
      Problem current = active.get(key);
      if (e.alert().state() == AlertState.FIRING) {
        if (current == null) {
          Problem opened =
              save(
                  first(
                      e,
                      AlertState.FIRING,
                      raised,
                      e.snoozed() ? snoozer : "",
                      e.snoozed() ? snoozedUntil : 0),
                  true);
          active.put(key, opened);
          return new ProblemChange(opened, Kind.OPENED, e);
        }
        Kind kind =
            current.severity() != e.alert().severity() ? Kind.SEVERITY_CHANGED : Kind.REPEATED;
        Problem next = current.updated(e, AlertState.FIRING);
        if (e.alert().severity().compareTo(current.severity()) > 0) {
          // An escalation is news the acknowledgement did not cover: it goes, so the badge goes
          // and the problem counts as unacknowledged again. A de-escalation or a repeat keeps it.
          next = next.unacknowledged();
        }
        Problem updated = save(next, false);
        active.put(key, updated);
        return new ProblemChange(updated, kind, e);
      }
      if (current == null) {
        // A resolution with nothing open (a notice, such as an agent back after its restart):
        // shown once, never active, so not kept.
        Problem notice = first(e, AlertState.RESOLVED, raised, "", 0);
        return new ProblemChange(notice, Kind.RESOLVED, e);
      }
      Problem resolved = save(current.updated(e, AlertState.RESOLVED), false);
      active.remove(key);
      return new ProblemChange(resolved, Kind.RESOLVED, e);
    } finally {
      lock.unlock();
    }
  }

  /** Records an acknowledgement on the active problem that an alert belongs to, if any. */
  void acknowledged(String agentId, String rule, long raisedAtMillis, String who, long atMillis) {
    change(
        agentId,
        rule,
        p -> p.sinceMillis() <= raisedAtMillis,
        p -> p.acknowledgedBy(who, atMillis),
        Kind.ACKNOWLEDGED);
  }

  /** Records a snooze on an agent's active problems, of one rule or all ({@code *}). */
  void snoozed(String agentId, String rule, String who, long untilMillis) {
    for (Problem p : List.copyOf(active.values())) {
      if (p.agentId().equals(agentId) && (rule.equals("*") || p.rule().equals(rule))) {
        change(agentId, p.rule(), q -> true, q -> q.snoozedBy(who, untilMillis), Kind.SNOOZED);
      }
    }
  }

  /** Ends every active problem of an agent the operator forgot: they leave the active ones. */
  public void endAll(String agentId, String why) {
    long now = System.currentTimeMillis();
    List<ProblemChange> ended = new ArrayList<>();
    lock.lock();
    try {
      for (Problem p : List.copyOf(active.values())) {
        if (p.agentId().equals(agentId)) {
          active.remove(p.key());
          ended.add(new ProblemChange(save(p.ended(now, why), false), Kind.ENDED, null));
        }
      }
      newestRaised.keySet().removeIf(k -> k.startsWith(agentId + "/"));
    } finally {
      lock.unlock();
    }
    ended.forEach(this::fire);
  }

  private void change(
      String agentId,
      String rule,
      java.util.function.Predicate<Problem> applies,
      java.util.function.UnaryOperator<Problem> how,
      Kind kind) {
    ProblemChange changed = null;
    lock.lock();
    try {
      Problem p = active.get(Problem.key(agentId, rule));
      if (p != null && applies.test(p)) {
        Problem now = save(how.apply(p), false);
        active.put(now.key(), now);
        changed = new ProblemChange(now, kind, null);
      }
    } finally {
      lock.unlock();
    }
    if (changed != null) {
      fire(changed);
    }
  }

  /** Tells the listeners; call with no lock held. */
  void fire(ProblemChange change) {
    listeners.fire(l -> l.problemChanged(change));
  }

  private Problem save(Problem p, boolean isNew) {
    ProblemTable t = table;
    if (t == null) {
      return isNew ? p.withId(nextId.incrementAndGet()) : p;
    }
    try {
      if (isNew) {
        return t.insert(p);
      }
      t.update(p);
    } catch (ConsoleStore.StoreException e) {
      // Kept in memory all the same: the operator sees it now, and its next change is stored.
      LOG.warn(
          "Problem {} on {} not stored: {}", p.rule(), LogText.of(p.hostname()), e.getMessage());
    }
    return p;
  }

  /** Whether an agent's rule is an active problem. */
  public boolean isActive(String agentId, String rule) {
    return active.containsKey(Problem.key(agentId, rule));
  }

  /** The active problems, newest change first. */
  public List<Problem> active() {
    return active.values().stream()
        .sorted(Comparator.comparingLong(Problem::updatedMillis).reversed())
        .toList();
  }

  /** A problem as its first alert makes it: not stored yet, not acknowledged. */
  private static Problem first(
      AlertEvent e, AlertState state, long raised, String snoozedBy, long snoozedUntil) {
    return new Problem(
        0,
        e.agentId(),
        e.hostname(),
        e.alert().rule(),
        e.alert().severity(),
        state,
        raised,
        raised,
        e.alert().value(),
        e.alert().message(),
        e.id(),
        "",
        0,
        snoozedBy,
        snoozedUntil);
  }
}
