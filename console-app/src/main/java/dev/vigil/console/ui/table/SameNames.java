package dev.vigil.console.ui.table;

import dev.vigil.console.ui.model.AgentRow;
import java.util.HashMap;
import java.util.Map;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.value.ChangeListener;
import javafx.beans.value.ObservableValue;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;

/**
 * Tells apart agents that share a host name (two machines called {@code vm}, one machine
 * reinstalled): such a row's host reads "vm (7e57a9e0)", the start of its agent id, and sorts by
 * it, so the two never look alike or swap places. A unique name reads as itself. FX thread only.
 */
final class SameNames {
  /** How much of the agent id tells two agents apart. */
  static final int ID_CHARS = 8;

  private final Map<String, Integer> counts = new HashMap<>();
  private final Map<AgentRow, ObservableValue<String>> shown = new HashMap<>();
  private final ReadOnlyIntegerWrapper changes = new ReadOnlyIntegerWrapper();
  private final ChangeListener<String> renamed =
      (obs, was, now) -> {
        less(was);
        more(now);
      };

  SameNames(ObservableList<AgentRow> rows) {
    rows.forEach(this::added);
    rows.addListener(
        (ListChangeListener<AgentRow>)
            c -> {
              while (c.next()) {
                c.getRemoved().forEach(this::removed);
                c.getAddedSubList().forEach(this::added);
              }
            });
  }

  /** The name a row shows: its host name, with the start of its id when another row shares it. */
  String shown(AgentRow row) {
    String name = row.getHostname();
    return counts.getOrDefault(name, 0) > 1
        ? name + " (" + row.agentId().substring(0, Math.min(ID_CHARS, row.agentId().length())) + ")"
        : name;
  }

  /**
   * The row's shown name, kept current as names come and go; one per row, so that the table's
   * comparator, which asks for it at each comparison, creates nothing.
   */
  ObservableValue<String> shownProperty(AgentRow row) {
    return shown.computeIfAbsent(
        row, r -> Bindings.createStringBinding(() -> shown(r), r.hostnameProperty(), changes));
  }

  /** Counts up whenever the set of shared names changes. */
  ReadOnlyIntegerProperty changesProperty() {
    return changes.getReadOnlyProperty();
  }

  private void added(AgentRow row) {
    row.hostnameProperty().addListener(renamed);
    more(row.getHostname());
  }

  private void removed(AgentRow row) {
    row.hostnameProperty().removeListener(renamed);
    shown.remove(row);
    less(row.getHostname());
  }

  private void more(String name) {
    if (counts.merge(name, 1, Integer::sum) == 2) {
      changes.set(changes.get() + 1);
    }
  }

  private void less(String name) {
    Integer left = counts.computeIfPresent(name, (k, n) -> n > 1 ? n - 1 : null);
    if (left != null && left == 1) {
      changes.set(changes.get() + 1);
    }
  }
}
