package dev.vigil.console.ui.model;

import dev.vigil.console.manager.api.AgentSnapshot;
import dev.vigil.console.manager.api.AlertEvent;
import dev.vigil.console.manager.api.CommandOutcome;
import dev.vigil.console.manager.api.FleetListener;
import dev.vigil.console.manager.api.Problem;
import dev.vigil.console.manager.api.ProblemChange;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The console window's model of the fleet. Network threads only record the newest snapshot per
 * agent and queue problem changes and command outcomes ({@link FleetListener}); the FX thread
 * applies them in one batch per pulse with {@link #drain()}, updating rows in place: one agent row
 * per agent, one feed line per problem.
 */
public final class FleetModel implements FleetListener {
  /** How many problems the feed keeps (the resolved ones go first). */
  public static final int FEED_LIMIT = 500;

  /** The newest change per agent since the last pulse: a new snapshot, or its removal. */
  private sealed interface Change {}

  private record Updated(AgentSnapshot snapshot) implements Change {}

  private record Removed() implements Change {}

  private final Map<String, Change> pendingAgents = new ConcurrentHashMap<>();
  private final ConcurrentLinkedQueue<ProblemChange> pendingProblems =
      new ConcurrentLinkedQueue<>();
  private final ConcurrentLinkedQueue<Problem> pendingRemembered = new ConcurrentLinkedQueue<>();
  private final ConcurrentLinkedQueue<CommandOutcome> pendingOutcomes =
      new ConcurrentLinkedQueue<>();

  private final ObservableList<AgentRow> rows = FXCollections.observableArrayList();
  private final ObservableList<AgentRow> readOnlyRows =
      FXCollections.unmodifiableObservableList(rows);
  private final Map<String, AgentRow> rowsById = new HashMap<>();
  private final ObservableList<AlertEntry> alerts = FXCollections.observableArrayList();
  private final ObservableList<AlertEntry> readOnlyAlerts =
      FXCollections.unmodifiableObservableList(alerts);
  private final Map<String, Long> activeProblems = new HashMap<>();
  private final Map<String, Integer> firingPerAgent = new HashMap<>();
  private final ReadOnlyIntegerWrapper online = new ReadOnlyIntegerWrapper(this, "online");
  private final ReadOnlyIntegerWrapper offline = new ReadOnlyIntegerWrapper(this, "offline");
  private final ReadOnlyIntegerWrapper firing = new ReadOnlyIntegerWrapper(this, "firing");
  private final ReadOnlyIntegerWrapper pending = new ReadOnlyIntegerWrapper(this, "pending");
  private final ReadOnlyIntegerWrapper unreachable =
      new ReadOnlyIntegerWrapper(this, "unreachable");

  private Consumer<List<AlertEvent>> alertSink = batch -> {};
  private Consumer<List<CommandOutcome>> outcomeSink = batch -> {};

  // ---- Network side: any thread, never blocks, never touches the scene graph.

  @Override
  public void agentChanged(AgentSnapshot agent) {
    pendingAgents.put(agent.agentId(), new Updated(agent));
  }

  @Override
  public void agentRemoved(String agentId) {
    pendingAgents.put(agentId, new Removed());
  }

  @Override
  public void problemChanged(ProblemChange change) {
    pendingProblems.add(change);
  }

  /**
   * Shows the problems active before the window opened (newest first) at the end of the feed,
   * without popping them up. Any thread.
   */
  public void remember(List<Problem> newestFirst) {
    pendingRemembered.addAll(newestFirst);
  }

  @Override
  public void commandUpdated(CommandOutcome outcome) {
    pendingOutcomes.add(outcome);
  }

  // ---- FX side.

  /** Where each pulse's new alerts go (the notifier); FX thread. */
  public void onAlerts(Consumer<List<AlertEvent>> sink) {
    this.alertSink = sink;
  }

  /** Where each pulse's finished commands go; FX thread. */
  public void onOutcomes(Consumer<List<CommandOutcome>> sink) {
    this.outcomeSink = sink;
  }

  /** Applies everything received since the last call, in one batch. Call on the FX thread. */
  public void drain() {
    boolean countsChanged = false;
    for (String id : List.copyOf(pendingAgents.keySet())) {
      Change change = pendingAgents.remove(id);
      if (change instanceof Removed) {
        AgentRow gone = rowsById.remove(id);
        if (gone != null) {
          rows.remove(gone);
          countsChanged = true;
        }
        continue;
      }
      if (!(change instanceof Updated(AgentSnapshot snapshot))) {
        continue;
      }
      AgentRow row = rowsById.get(id);
      if (row == null) {
        row = new AgentRow(id);
        rowsById.put(id, row);
        row.activeAlerts(firingPerAgent.getOrDefault(id, 0));
        row.update(snapshot);
        rows.add(row);
        countsChanged = true;
      } else {
        countsChanged |= row.getStatus() != snapshot.status();
        row.update(snapshot);
      }
    }
    if (countsChanged) {
      recount();
    }

    drainProblems();

    List<CommandOutcome> finished = new ArrayList<>();
    for (CommandOutcome o; (o = pendingOutcomes.poll()) != null; ) {
      AgentRow row = rowsById.get(o.agentId());
      if (row != null) {
        row.commandUpdated(o.command().wireName() + ": " + o.summary());
      }
      if (o.status().isFinal()) {
        finished.add(o);
      }
    }
    if (!finished.isEmpty()) {
      outcomeSink.accept(finished);
    }
  }

  private void recount() {
    int on = 0;
    int off = 0;
    int waiting = 0;
    int cut = 0;
    for (AgentRow r : rows) {
      switch (r.getStatus()) {
        case ONLINE, STALE -> on++;
        case OFFLINE -> off++;
        case PENDING -> waiting++;
        case REJECTED -> {}
        case UNREACHABLE -> cut++;
      }
    }
    unreachable.set(cut);
    online.set(on);
    offline.set(off);
    pending.set(waiting);
  }

  /**
   * Applies the problems remembered and changed since the last pulse: a changed problem's line is
   * replaced where it stands, a new one goes on top; the changes that should interrupt the operator
   * go to the notifier, in one batch.
   */
  private void drainProblems() {
    if (pendingRemembered.isEmpty() && pendingProblems.isEmpty()) {
      return;
    }
    List<AlertEntry> remembered = new ArrayList<>();
    for (Problem p; (p = pendingRemembered.poll()) != null; ) {
      if (indexOf(p.id()) < 0 && alerts.size() + remembered.size() < FEED_LIMIT) {
        remembered.add(AlertEntry.of(p));
      }
      track(p);
    }
    alerts.addAll(remembered);
    List<AlertEvent> interrupting = new ArrayList<>();
    for (ProblemChange c; (c = pendingProblems.poll()) != null; ) {
      Problem p = c.problem();
      int at = p.id() == 0 ? -1 : indexOf(p.id());
      if (at >= 0) {
        alerts.set(at, AlertEntry.of(p));
      } else {
        alerts.add(0, AlertEntry.of(p));
      }
      track(p);
      if (c.interrupts()) {
        interrupting.add(c.cause());
      }
    }
    trim();
    firing.set(activeProblems.size());
    if (!interrupting.isEmpty()) {
      alertSink.accept(interrupting);
    }
  }

  private int indexOf(long problemId) {
    for (int i = 0; i < alerts.size(); i++) {
      if (alerts.get(i).problemId() == problemId) {
        return i;
      }
    }
    return -1;
  }

  /** Keeps the feed at its limit, dropping resolved lines (oldest first) before active ones. */
  private void trim() {
    for (int i = alerts.size() - 1; i >= 0 && alerts.size() > FEED_LIMIT; i--) {
      if (!alerts.get(i).active()) {
        alerts.remove(i);
      }
    }
    if (alerts.size() > FEED_LIMIT) {
      alerts.remove(FEED_LIMIT, alerts.size());
    }
  }

  /** Shows a problem as acknowledged by the id of its newest alert, before its change comes. */
  public void markAcknowledged(long alertId, String who) {
    for (int i = 0; i < alerts.size(); i++) {
      if (alerts.get(i).id() == alertId) {
        alerts.set(i, alerts.get(i).acknowledged(who, System.currentTimeMillis()));
        return;
      }
    }
  }

  /**
   * Keeps the set of active problems, and the firing counts per agent, as the manager's: only the
   * rows whose count changed are touched.
   */
  private void track(Problem p) {
    String key = p.key();
    Long current = activeProblems.get(key);
    boolean was = current != null;
    if (p.active()) {
      activeProblems.put(key, p.id());
    } else if (was && (current == p.id() || p.id() == 0)) {
      activeProblems.remove(key);
    }
    boolean now = activeProblems.containsKey(key);
    if (was == now) {
      return;
    }
    int count = firingPerAgent.merge(p.agentId(), now ? 1 : -1, Integer::sum);
    AgentRow row = rowsById.get(p.agentId());
    if (row != null) {
      row.activeAlerts(count);
    }
  }

  /** The rows, one per agent, in arrival order; the view sorts and filters its own copy. */
  public ObservableList<AgentRow> rows() {
    return readOnlyRows;
  }

  /** One row by agent id. */
  public Optional<AgentRow> row(String agentId) {
    return Optional.ofNullable(rowsById.get(agentId));
  }

  /** The alert feed, one line per problem, newest first, at most {@link #FEED_LIMIT}. */
  public ObservableList<AlertEntry> alerts() {
    return readOnlyAlerts;
  }

  /** Agents connected (online or stale). */
  public ReadOnlyIntegerProperty onlineProperty() {
    return online.getReadOnlyProperty();
  }

  /** Agents whose manager this window cannot reach now (neither online nor offline). */
  public ReadOnlyIntegerProperty unreachableProperty() {
    return unreachable.getReadOnlyProperty();
  }

  public ReadOnlyIntegerProperty offlineProperty() {
    return offline.getReadOnlyProperty();
  }

  /** Agents waiting for the operator's approval. */
  public ReadOnlyIntegerProperty pendingProperty() {
    return pending.getReadOnlyProperty();
  }

  /** Problems active across the fleet: the manager's {@code problems()}, counted. */
  public ReadOnlyIntegerProperty firingProperty() {
    return firing.getReadOnlyProperty();
  }
}
