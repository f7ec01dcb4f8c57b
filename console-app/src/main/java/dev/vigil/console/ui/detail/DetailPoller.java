package dev.vigil.console.ui.detail;

import dev.vigil.console.manager.api.AgentView;
import dev.vigil.console.manager.api.Metric;
import dev.vigil.console.manager.api.MinuteAggregate;
import dev.vigil.console.ui.model.FleetActions;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.application.Platform;
import javafx.util.Duration;

/**
 * Keeps the shown agent current: asks {@link FleetActions} for its picture once a second, and for
 * its stored minutes when the chosen range needs them (again after 30 s). One request at a time, so
 * a slow store never piles up work; replies reach the {@link Sink} on the FX thread, and only while
 * their agent is still the one followed. Created and called on the FX thread.
 */
final class DetailPoller {
  /** How long stored minutes stay fresh enough to skip asking again. */
  private static final long HISTORY_FRESH_MILLIS = 30_000;

  /** Where replies go, on the FX thread. */
  interface Sink {
    /** The agent's latest picture, asked for with range {@code r}. */
    void view(AgentView view, ChartRange r);

    /** Stored minutes for range {@code r}, still the chosen one. */
    void history(Map<Metric, List<MinuteAggregate>> history, ChartRange r);

    /** The agent is gone (forgotten meanwhile). */
    void gone();
  }

  private record Reply(AgentView view, Map<Metric, List<MinuteAggregate>> history) {}

  private final FleetActions actions;
  private final Supplier<ChartRange> range;
  private final Sink sink;
  private final Timeline ticker;
  private String agentId;
  private boolean inFlight;
  private long historyFetchedAt;

  DetailPoller(FleetActions actions, Supplier<ChartRange> range, Sink sink) {
    this.actions = actions;
    this.range = range;
    this.sink = sink;
    ticker = new Timeline(new KeyFrame(Duration.seconds(1), e -> poll()));
    ticker.setCycleCount(Timeline.INDEFINITE);
  }

  /** Follows an agent from now on (null: none); false when it was already the one followed. */
  boolean follow(String id) {
    if (Objects.equals(id, agentId)) {
      return false;
    }
    agentId = id;
    historyFetchedAt = 0;
    if (id == null) {
      ticker.stop();
    } else {
      poll();
      ticker.play();
    }
    return true;
  }

  /** Asks again now, stored minutes included: the operator chose another range. */
  void rangeChanged() {
    historyFetchedAt = 0;
    poll();
  }

  private void poll() {
    String id = agentId;
    if (id == null || inFlight) {
      return;
    }
    inFlight = true;
    ChartRange r = range.get();
    boolean fetchHistory =
        !r.live && System.currentTimeMillis() - historyFetchedAt > HISTORY_FRESH_MILLIS;
    CompletableFuture<Map<Metric, List<MinuteAggregate>>> history =
        fetchHistory ? fetchHistory(id, r) : CompletableFuture.completedFuture(null);
    actions
        .view(id)
        .thenCombine(history, Reply::new)
        .whenComplete((reply, error) -> Platform.runLater(() -> deliver(id, r, reply, error)));
  }

  private void deliver(String id, ChartRange r, Reply reply, Throwable error) {
    inFlight = false;
    if (error != null || !id.equals(agentId)) {
      return; // the next tick asks again; an answer for another agent is stale
    }
    if (reply.view() == null) {
      sink.gone();
      return;
    }
    sink.view(reply.view(), r);
    if (reply.history() != null && r == range.get()) {
      historyFetchedAt = System.currentTimeMillis();
      sink.history(reply.history(), r);
    }
  }

  private CompletableFuture<Map<Metric, List<MinuteAggregate>>> fetchHistory(
      String id, ChartRange r) {
    List<Metric> wanted = Metric.LIVE;
    List<CompletableFuture<List<MinuteAggregate>>> parts = new ArrayList<>();
    for (Metric m : wanted) {
      parts.add(actions.history(id, m, r.span));
    }
    return CompletableFuture.allOf(parts.toArray(CompletableFuture[]::new))
        .thenApply(
            ignored -> {
              Map<Metric, List<MinuteAggregate>> out = new EnumMap<>(Metric.class);
              for (int i = 0; i < wanted.size(); i++) {
                out.put(wanted.get(i), parts.get(i).join());
              }
              return out;
            });
  }
}
