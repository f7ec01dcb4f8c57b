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
 * {@link SortedList} alone keeps the order of the last click. Once a {@link #PERIOD} it checks the
 * order and, only if a row is out of place, applies the table's comparator again; the selection and
 * the scroll position follow the permutation. Runs only while the table's window shows. FX thread
 * only.
 */
final class LiveSort<S> {
  /** At most one re-sort this often, so rows do not jump at every sample. */
  static final Duration PERIOD = Duration.seconds(1);

  private final TableView<S> table;
  private final SortedList<S> sorted;
  private final ObjectProperty<Comparator<? super S>> applied = new SimpleObjectProperty<>();
  private final Timeline pulse;
  private long resorts;

  LiveSort(TableView<S> table, SortedList<S> sorted) {
    this.table = table;
    this.sorted = sorted;
    sorted.comparatorProperty().bind(applied);
    applied.set(table.getComparator());
    table.comparatorProperty().addListener((obs, was, now) -> applied.set(now));
    // The sorted list sorts, through the comparator applied here (the default policy would refuse
    // a sorted list whose comparator is not the table's own property).
    table.setSortPolicy(t -> true);
    pulse = new Timeline(new KeyFrame(PERIOD, e -> resortIfOutOfOrder()));
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
    for (int i = 1; i < sorted.size(); i++) {
      if (order.compare(sorted.get(i - 1), sorted.get(i)) > 0) {
        resorts++;
        // A new comparator object: the sorted list sorts again, as a permutation.
        applied.set(order::compare);
        return true;
      }
    }
    return false;
  }

  /** How many times rows were re-sorted since the table was built, for tests and benchmarks. */
  long resorts() {
    return resorts;
  }
}
