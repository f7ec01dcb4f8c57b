package dev.vigil.console.attach;

import dev.vigil.console.manager.api.AgentSnapshot;
import dev.vigil.console.manager.api.AlertEvent;
import dev.vigil.console.manager.api.FleetListener;
import dev.vigil.console.manager.api.Problem;
import dev.vigil.console.manager.api.ProblemChange;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * An attached console's copy of the manager's agents and active problems, fed by snapshots and
 * events, for the reads a window makes many times a second. Applying a snapshot tells the listener
 * only what differs from the copy, and an event only when it changes something, so that a console
 * re-attaching after a restart sees neither duplicates nor gaps. Thread-safe.
 */
final class Mirror {
  private final ReentrantLock lock = new ReentrantLock();
  private final Map<String, AgentSnapshot> agents = new HashMap<>();
  private final Map<String, Problem> problems = new HashMap<>();
  private long newestAlertId;
  private boolean filled;

  /** Every agent, by host name, as the manager lists them. */
  List<AgentSnapshot> agents() {
    lock.lock();
    try {
      return agents.values().stream()
          .sorted(
              Comparator.comparing(AgentSnapshot::hostname).thenComparing(AgentSnapshot::agentId))
          .toList();
    } finally {
      lock.unlock();
    }
  }

  Optional<AgentSnapshot> agent(String agentId) {
    lock.lock();
    try {
      return Optional.ofNullable(agents.get(agentId));
    } finally {
      lock.unlock();
    }
  }

  /** The active problems, newest change first. */
  List<Problem> problems() {
    lock.lock();
    try {
      return problems.values().stream()
          .sorted(Comparator.comparingLong(Problem::updatedMillis).reversed())
          .toList();
    } finally {
      lock.unlock();
    }
  }

  /** Whether a snapshot has arrived since this console started. */
  boolean filled() {
    lock.lock();
    try {
      return filled;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Replaces the copy with a snapshot and tells {@code to} what differs: agents changed, added or
   * gone, alerts newer than any seen, problems opened, changed or ended.
   */
  void snapshot(
      List<AgentSnapshot> nowAgents,
      List<Problem> nowProblems,
      List<AlertEvent> recentAlerts,
      FleetListener to) {
    List<Runnable> tell = new ArrayList<>();
    lock.lock();
    try {
      Map<String, AgentSnapshot> next = new HashMap<>();
      nowAgents.forEach(a -> next.put(a.agentId(), a));
      for (String gone : new ArrayList<>(agents.keySet())) {
        if (!next.containsKey(gone)) {
          agents.remove(gone);
          tell.add(() -> to.agentRemoved(gone));
        }
      }
      for (AgentSnapshot a : nowAgents) {
        if (!a.equals(agents.put(a.agentId(), a))) {
          tell.add(() -> to.agentChanged(a));
        }
      }
      // Oldest first, as they arrived; only those this console has not seen.
      List<AlertEvent> newer =
          recentAlerts.stream()
              .filter(e -> e.id() > newestAlertId)
              .sorted(Comparator.comparingLong(AlertEvent::id))
              .toList();
      boolean firstFill = !filled;
      if (!firstFill) {
        newer.forEach(e -> tell.add(() -> to.alertReceived(e)));
      }
      newer.forEach(e -> newestAlertId = Math.max(newestAlertId, e.id()));
      recentAlerts.forEach(e -> newestAlertId = Math.max(newestAlertId, e.id()));
      Map<String, Problem> nextProblems = new HashMap<>();
      nowProblems.forEach(p -> nextProblems.put(p.key(), p));
      long now = System.currentTimeMillis();
      for (Problem old : new ArrayList<>(problems.values())) {
        if (!nextProblems.containsKey(old.key())) {
          problems.remove(old.key());
          Problem ended = old.ended(now, "ended while this console was not attached");
          tell.add(
              () -> to.problemChanged(new ProblemChange(ended, ProblemChange.Kind.ENDED, null)));
        }
      }
      for (Problem p : nowProblems) {
        Problem before = problems.put(p.key(), p);
        if (!p.equals(before)) {
          ProblemChange.Kind kind = kindOf(before, p);
          tell.add(() -> to.problemChanged(new ProblemChange(p, kind, null)));
        }
      }
      filled = true;
    } finally {
      lock.unlock();
    }
    tell.forEach(Runnable::run);
  }

  private static ProblemChange.Kind kindOf(Problem before, Problem now) {
    if (before == null) {
      return ProblemChange.Kind.OPENED;
    } else if (before.severity() != now.severity()) {
      return ProblemChange.Kind.SEVERITY_CHANGED;
    } else if (!before.acknowledgedBy().equals(now.acknowledgedBy())) {
      return ProblemChange.Kind.ACKNOWLEDGED;
    } else if (before.snoozedUntilMillis() != now.snoozedUntilMillis()) {
      return ProblemChange.Kind.SNOOZED;
    }
    return ProblemChange.Kind.REPEATED;
  }

  /** An agent changed; true when it differs from the copy. */
  boolean agentChanged(AgentSnapshot a) {
    lock.lock();
    try {
      return !a.equals(agents.put(a.agentId(), a));
    } finally {
      lock.unlock();
    }
  }

  /** An agent went; true when the copy had it. */
  boolean agentRemoved(String agentId) {
    lock.lock();
    try {
      return agents.remove(agentId) != null;
    } finally {
      lock.unlock();
    }
  }

  /** An alert arrived; true when it is newer than any seen (a snapshot may have had it). */
  boolean alertReceived(AlertEvent e) {
    lock.lock();
    try {
      if (e.id() <= newestAlertId) {
        return false;
      }
      newestAlertId = e.id();
      return true;
    } finally {
      lock.unlock();
    }
  }

  /** A problem changed; true when the copy did not have it as it is now. */
  boolean problemChanged(ProblemChange change) {
    Problem p = change.problem();
    lock.lock();
    try {
      if (p.active()) {
        return !p.equals(problems.put(p.key(), p));
      }
      Problem before = problems.remove(p.key());
      // An end the copy never saw open still tells a listener that holds it from an older copy.
      return before != null || change.kind() == ProblemChange.Kind.RESOLVED;
    } finally {
      lock.unlock();
    }
  }
}
