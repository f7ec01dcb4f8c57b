package dev.vigil.console.ui.model;

import dev.vigil.console.manager.api.AgentSnapshot;
import dev.vigil.console.manager.api.AlertEvent;
import dev.vigil.console.manager.api.CommandOutcome;
import dev.vigil.console.manager.api.FleetListener;
import dev.vigil.protocol.message.AlertState;
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
 * agent and queue alerts and command outcomes ({@link FleetListener}); the FX thread applies them
 * in one batch per pulse with {@link #drain()}, updating rows in place.
 */
public final class FleetModel implements FleetListener {
  /** How many alerts the feed keeps. */
  public static final int FEED_LIMIT = 500;

  /** The newest change per agent since the last pulse: a new snapshot, or its removal. */
  private sealed interface Change {}

  private record Updated(AgentSnapshot snapshot) implements Change {}

  private record Removed() implements Change {}

  private final Map<String, Change> pendingAgents = new ConcurrentHashMap<>();
  private final ConcurrentLinkedQueue<AlertEvent> pendingAlerts = new ConcurrentLinkedQueue<>();
  private final ConcurrentLinkedQueue<AlertEvent> pendingHistory = new ConcurrentLinkedQueue<>();
  private final ConcurrentLinkedQueue<CommandOutcome> pendingOutcomes =
      new ConcurrentLinkedQueue<>();

  private final ObservableList<AgentRow> rows = FXCollections.observableArrayList();
  private final ObservableList<AgentRow> readOnlyRows =
      FXCollections.unmodifiableObservableList(rows);
  private final Map<String, AgentRow> rowsById = new HashMap<>();
  private final ObservableList<AlertEntry> alerts = FXCollections.observableArrayList();
  private final ObservableList<AlertEntry> readOnlyAlerts =
      FXCollections.unmodifiableObservableList(alerts);
  private final Map<String, AlertState> alertStates = new HashMap<>();
  private final Map<String, Integer> firingPerAgent = new HashMap<>();
  private int firingTotal;
  private final ReadOnlyIntegerWrapper online = new ReadOnlyIntegerWrapper(this, "online");
  private final ReadOnlyIntegerWrapper offline = new ReadOnlyIntegerWrapper(this, "offline");
  private final ReadOnlyIntegerWrapper firing = new ReadOnlyIntegerWrapper(this, "firing");
  private final ReadOnlyIntegerWrapper pending = new ReadOnlyIntegerWrapper(this, "pending");

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
  public void alertReceived(AlertEvent alert) {
    pendingAlerts.add(alert);
  }

  /**
   * Shows alerts from before the window opened (newest first) at the end of the feed, without
   * popping them up. Any thread.
   */
  public void remember(List<AlertEvent> newestFirst) {
    pendingHistory.addAll(newestFirst);
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

    if (!pendingHistory.isEmpty()) {
      List<AlertEvent> old = new ArrayList<>();
      for (AlertEvent e; (e = pendingHistory.poll()) != null; ) {
        old.add(e);
      }
      List<AlertEntry> entries = new ArrayList<>();
      for (AlertEvent e : old) {
        if (alerts.size() + entries.size() < FEED_LIMIT) {
          entries.add(AlertEntry.of(e));
        }
      }
      alerts.addAll(entries);
      for (int i = old.size() - 1; i >= 0; i--) {
        recordState(old.get(i)); // oldest first, so the newest state of each rule wins
      }
      firing.set(firingTotal);
    }

    List<AlertEvent> newAlerts = new ArrayList<>();
    for (AlertEvent e; (e = pendingAlerts.poll()) != null; ) {
      newAlerts.add(e);
      alerts.add(0, AlertEntry.of(e));
      recordState(e);
    }
    if (!newAlerts.isEmpty()) {
      if (alerts.size() > FEED_LIMIT) {
        alerts.remove(FEED_LIMIT, alerts.size());
      }
      firing.set(firingTotal);
      alertSink.accept(newAlerts);
    }

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
    for (AgentRow r : rows) {
      switch (r.getStatus()) {
        case ONLINE, STALE -> on++;
        case OFFLINE -> off++;
        case PENDING -> waiting++;
        case REJECTED -> {}
      }
    }
    online.set(on);
    offline.set(off);
    pending.set(waiting);
  }

  /** Shows an alert as acknowledged; FX thread. */
  public void markAcknowledged(long alertId, String who) {
    for (int i = 0; i < alerts.size(); i++) {
      if (alerts.get(i).id() == alertId) {
        alerts.set(i, alerts.get(i).acknowledged(who));
        return;
      }
    }
  }

  /**
   * Tracks one alert's rule state and keeps the firing counts, per agent and in total, current:
   * only the rows whose count changed are touched.
   */
  private void recordState(AlertEvent e) {
    boolean was =
        alertStates.put(e.agentId() + "/" + e.alert().rule(), e.alert().state())
            == AlertState.FIRING;
    boolean now = e.alert().state() == AlertState.FIRING;
    if (was == now) {
      return;
    }
    int delta = now ? 1 : -1;
    firingTotal += delta;
    int count = firingPerAgent.merge(e.agentId(), delta, Integer::sum);
    AgentRow row = rowsById.get(e.agentId());
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

  /** The alert feed, newest first, at most {@link #FEED_LIMIT}. */
  public ObservableList<AlertEntry> alerts() {
    return readOnlyAlerts;
  }

  /** Agents connected (online or stale). */
  public ReadOnlyIntegerProperty onlineProperty() {
    return online.getReadOnlyProperty();
  }

  public ReadOnlyIntegerProperty offlineProperty() {
    return offline.getReadOnlyProperty();
  }

  /** Agents waiting for the operator's approval. */
  public ReadOnlyIntegerProperty pendingProperty() {
    return pending.getReadOnlyProperty();
  }

  /** Rules currently firing across the fleet. */
  public ReadOnlyIntegerProperty firingProperty() {
    return firing.getReadOnlyProperty();
  }
}
