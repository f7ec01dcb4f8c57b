package dev.vigil.console.ui.table;

import java.util.Comparator;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.transformation.SortedList;
import javafx.scene.Scene;
import javafx.scene.control.TableView;
import javafx.stage.Window;
import javafx.util.Duration;

/**
 * Keeps a table sorted while its rows change in place: values update without list changes, so a
 * {@link SortedList} alone keeps the order of the last click. Over each {@link #PERIOD} it checks
 * the order, a quarter of the rows at a time (a check of 10,000 rows in one pulse was the longest
 * pulse of every second), and, only if a row is out of place, applies the table's comparator again,
 * at most once a period; the selection and the scroll position follow the permutation. Runs only
 * while the table's window shows. FX thread only.
 */
final class LiveSort<S> {
  /** At most one re-sort this often, so rows do not jump at every sample. */
  static final Duration PERIOD = Duration.seconds(1);

  /** The checks one period is cut into. */
  private static final int PARTS = 4;

  private final TableView<S> table;
  private final SortedList<S> sorted;
  private final ObjectProperty<Comparator<? super S>> applied = new SimpleObjectProperty<>();
  private final Timeline pulse;
  private long resorts;
  // Where the next part of the check starts, whether it found a row out of place, and when the
  // rows were last sorted (System.nanoTime).
  private int cursor = 1;
  private boolean outOfOrder;
  private long sortedAtNanos = System.nanoTime();

  LiveSort(TableView<S> table, SortedList<S> sorted) {
    this.table = table;
    this.sorted = sorted;
    sorted.comparatorProperty().bind(applied);
    applied.set(table.getComparator());
    table
        .comparatorProperty()
        .addListener(
            (obs, was, now) -> {
              applied.set(now); // sorts the rows at once
              restart();
            });
    // The sorted list sorts, through the comparator applied here (the default policy would refuse
    // a sorted list whose comparator is not the table's own property).
    table.setSortPolicy(t -> true);
    pulse = new Timeline(new KeyFrame(PERIOD.divide(PARTS), e -> checkPart()));
    pulse.setCycleCount(Timeline.INDEFINITE);
    table
        .sceneProperty()
        .flatMap(Scene::windowProperty)
        .flatMap(Window::showingProperty)
        .orElse(false)
        .addListener(
            (obs, was, showing) -> {
              if (showing) {
                pulse.play();
              } else {
                pulse.stop();
              }
            });
  }

  /** Sorts again if a row's values moved it out of place since the last sort; true if it did. */
  boolean resortIfOutOfOrder() {
    Comparator<S> order = table.getComparator();
    if (order == null) {
      return false;
    }
    if (outOfPlace(order, 1, sorted.size())) {
      resort(order);
      return true;
    }
    return false;
  }

  /** Checks the next part of the rows; sorts again once one is out of place and a period passed. */
  private void checkPart() {
    Comparator<S> order = table.getComparator();
    if (order == null) {
      return;
    }
    int n = sorted.size();
    if (!outOfOrder) {
      int end = Math.min(n, cursor + Math.max(1, (n + PARTS - 1) / PARTS));
      outOfOrder = outOfPlace(order, cursor, end);
      cursor = end >= n ? 1 : end;
    }
    if (outOfOrder && System.nanoTime() - sortedAtNanos >= PERIOD.toMillis() * 1_000_000) {
      resort(order);
    }
  }

  /** Whether a row in {@code [from, to)} sorts before the one above it. */
  private boolean outOfPlace(Comparator<S> order, int from, int to) {
    for (int i = Math.max(1, from); i < to; i++) {
      if (order.compare(sorted.get(i - 1), sorted.get(i)) > 0) {
        return true;
      }
    }
    return false;
  }

  private void resort(Comparator<S> order) {
    resorts++;
    // A new comparator object: the sorted list sorts again, as a permutation.
    applied.set(order::compare);
    restart();
  }

  private void restart() {
    outOfOrder = false;
    cursor = 1;
    sortedAtNanos = System.nanoTime();
  }

  /** How many times rows were re-sorted since the table was built, for tests and benchmarks. */
  long resorts() {
    return resorts;
  }
}
