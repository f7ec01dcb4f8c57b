package dev.vigil.console.ui.table;

import dev.vigil.console.ui.model.AgentRow;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.ObservableList;
import javafx.css.PseudoClass;
import javafx.scene.control.ComboBox;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.input.MouseButton;

/**
 * The agent table grouped by a tag, on demand: a Group column, first in the sort order, whose cell
 * names the group ("eu-west (37)") on the first row of each group and stays blank below it; a click
 * on that name selects the whole group. Rows stay the stable agent rows, sorted by group and then
 * as the operator sorted them, so 1,000 agents cost one sort and the visible cells: no tree, no
 * header rows to keep in step. FX thread only.
 */
final class TagGroups {
  static final PseudoClass GROUP_START = PseudoClass.getPseudoClass("group-start");

  private final TableView<AgentRow> table;
  private final ObjectProperty<TagGrouping> grouping =
      new SimpleObjectProperty<>(this, "grouping", TagGrouping.NONE);
  private final TableColumn<AgentRow, String> column = new TableColumn<>("Group");
  private final ComboBox<TagGrouping> chooser = new ComboBox<>();
  private final Map<AgentRow, StringBinding> labels = new HashMap<>();

  TagGroups(TableView<AgentRow> table, ObservableList<AgentRow> rows) {
    this.table = table;
    column.setId("group-column");
    column.setPrefWidth(150);
    // One label per row, kept: the sort asks for a row's value at every comparison.
    column.setCellValueFactory(c -> label(c.getValue()));
    rows.addListener(
        (javafx.collections.ListChangeListener<AgentRow>)
            c -> {
              while (c.next()) {
                c.getRemoved()
                    .forEach(
                        r -> {
                          StringBinding gone = labels.remove(r);
                          if (gone != null) {
                            gone.dispose();
                          }
                        });
              }
            });
    column.setComparator(TagGrouping::compareLabels);
    column.setCellFactory(c -> new GroupCell());
    chooser.setId("group-chooser");
    chooser.setTooltip(new Tooltip("Group the agents by their tags, or by a key:value tag's key"));
    chooser.getItems().setAll(TagGrouping.NONE, TagGrouping.TAGS);
    chooser.setValue(TagGrouping.NONE);
    // The keys in use now: tags arrive with each agent's inventory.
    chooser.setOnShowing(
        e -> {
          List<TagGrouping> now = TagGrouping.choices(rows);
          if (!now.equals(chooser.getItems())) {
            TagGrouping kept = chooser.getValue();
            chooser.getItems().setAll(now);
            chooser.setValue(kept);
          }
        });
    chooser
        .valueProperty()
        .addListener((o, was, now) -> group(now == null ? TagGrouping.NONE : now));
  }

  /** The row's group label, recomputed when its tags or the grouping change. */
  private StringBinding label(AgentRow row) {
    return labels.computeIfAbsent(
        row,
        r ->
            Bindings.createStringBinding(
                () -> grouping.get().label(r.getTags()), r.tagsProperty(), grouping));
  }

  /** The chooser for the window's toolbar. */
  ComboBox<TagGrouping> chooser() {
    return chooser;
  }

  TagGrouping grouping() {
    return grouping.get();
  }

  /** Groups the rows (or stops): the Group column goes first in the columns and the sort order. */
  void group(TagGrouping by) {
    if (by.equals(grouping.get())) {
      return;
    }
    grouping.set(by);
    if (!chooser.getItems().contains(by)) {
      chooser.getItems().add(by);
    }
    if (!by.equals(chooser.getValue())) {
      chooser.setValue(by);
    }
    table.getSortOrder().remove(column);
    table.getColumns().remove(column);
    if (by.on()) {
      table.getColumns().add(0, column);
      column.setSortType(TableColumn.SortType.ASCENDING);
      table.getSortOrder().add(0, column);
    }
    table.refresh();
  }

  /** The group label of the row at {@code index} in the table's order, or null. */
  private String labelAt(int index) {
    List<AgentRow> items = table.getItems();
    return index < 0 || index >= items.size() ? null : label(items.get(index)).get();
  }

  /** Whether the row at {@code index} is the first of its group, while rows are grouped. */
  boolean startsGroup(int index) {
    if (!grouping.get().on() || index < 0 || index >= table.getItems().size()) {
      return false;
    }
    return index == 0 || !labelAt(index).equals(labelAt(index - 1));
  }

  /** How many rows from {@code index} on share its group (the rows are sorted by group). */
  int groupSize(int index) {
    String label = labelAt(index);
    int end = index;
    while (label != null && label.equals(labelAt(end))) {
      end++;
    }
    return end - index;
  }

  /** Selects every row of the group that starts at {@code index}. */
  void selectGroup(int index) {
    int size = groupSize(index);
    table.getSelectionModel().clearSelection();
    table.getSelectionModel().selectRange(index, index + size);
  }

  /** The group's name and size on its first row; blank below it, so the groups stand out. */
  private final class GroupCell extends TableCell<AgentRow, String> {
    GroupCell() {
      setOnMouseClicked(
          e -> {
            if (e.getButton() == MouseButton.PRIMARY && !isEmpty() && startsGroup(getIndex())) {
              selectGroup(getIndex());
              e.consume();
            }
          });
    }

    @Override
    protected void updateItem(String label, boolean empty) {
      super.updateItem(label, empty);
      boolean first = !empty && label != null && startsGroup(getIndex());
      pseudoClassStateChanged(GROUP_START, first);
      setText(first ? label + " (" + groupSize(getIndex()) + ")" : null);
      setTooltip(first ? new Tooltip("Click to select the " + label + " group") : null);
    }
  }
}
