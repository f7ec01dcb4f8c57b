package dev.vigil.console.ui.table;

import dev.vigil.console.manager.api.AgentStatus;
import dev.vigil.console.ui.actions.ActionMenus;
import dev.vigil.console.ui.actions.AgentActions;
import dev.vigil.console.ui.model.AgentRow;
import dev.vigil.console.ui.model.FleetActions;
import dev.vigil.console.ui.model.FleetModel;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.transformation.FilteredList;
import javafx.collections.transformation.SortedList;
import javafx.css.PseudoClass;
import javafx.scene.control.Label;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextInputControl;
import javafx.scene.input.ContextMenuEvent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;

/**
 * The agent table: one row per agent, sortable and filterable, its status carried to CSS as a row
 * pseudo-class, and a context menu per row with the {@link AgentActions} for the selection. FX
 * thread only.
 */
public final class AgentTable {
  private static final PseudoClass OFFLINE = PseudoClass.getPseudoClass("offline");
  private static final PseudoClass STALE = PseudoClass.getPseudoClass("stale");
  private static final PseudoClass PENDING = PseudoClass.getPseudoClass("pending");

  private static final double STATUS_WIDTH_WITH_MANAGERS = 132;
  private boolean managerColumnShown;
  private final TableView<AgentRow> table = new TableView<>();
  private final FilteredList<AgentRow> filtered;
  private final AgentActions actions;
  private final LiveSort<AgentRow> liveSort;
  private final StringProperty filterText = new SimpleStringProperty("");
  private final TagGroups groups;
  private AgentFilter filter = AgentFilter.parse("");
  private boolean retagPending;

  /** A table of the model's rows whose actions go to {@code fleet}. */
  public AgentTable(FleetModel model, FleetActions fleet) {
    this.filtered = new FilteredList<>(model.rows(), r -> true);
    SortedList<AgentRow> sorted = new SortedList<>(filtered);
    table.setItems(sorted);
    table.setId("agent-table");
    table.getStylesheets().add(AgentTable.class.getResource("agent-table.css").toExternalForm());
    table.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
    table.getStyleClass().add(atlantafx.base.theme.Styles.DENSE);
    table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
    Label placeholder = new Label();
    placeholder.setId("agent-table-placeholder");
    placeholder
        .textProperty()
        .bind(
            Bindings.createStringBinding(
                () -> placeholder(model.rows().isEmpty(), filterText.get()),
                model.rows(),
                filterText));
    table.setPlaceholder(placeholder);
    table.getColumns().setAll(AgentColumns.all(new SameNames(model.rows())));
    this.liveSort = new LiveSort<>(table, sorted);
    table.getSortOrder().add(table.getColumns().get(0));
    table.setTableMenuButtonVisible(true);
    dev.vigil.console.ui.controls.ColumnHeaders.neverCut(table);
    this.groups = new TagGroups(table, model.rows());
    table.setRowFactory(t -> newRow());
    // Tags arrive with an agent's inventory, after its row: a tag filter and the groups follow.
    model.rows().forEach(r -> r.tagsProperty().addListener((o, was, now) -> retagged()));
    model
        .rows()
        .addListener(
            (javafx.collections.ListChangeListener<AgentRow>)
                c -> {
                  while (c.next()) {
                    c.getAddedSubList()
                        .forEach(r -> r.tagsProperty().addListener((o, was, now) -> retagged()));
                  }
                });
    this.actions =
        new AgentActions(
            fleet,
            table.getSelectionModel().getSelectedItems(),
            () -> table.getScene().getWindow());
  }

  /** The control, for layout. */
  /**
   * Shows the Manager column the first time the window holds more than one manager (the operator
   * may hide it again from the column menu).
   */
  public void showManagerColumnFor(int managers) {
    if (managers > 1 && !managerColumnShown) {
      managerColumnShown = true;
      table.getColumns().stream()
          .filter(c -> AgentColumns.MANAGER_COLUMN.equals(c.getId()))
          .findFirst()
          .ifPresent(
              c -> {
                // Beside the host, where it reads as part of the name: a layout remembered from
                // a window with one manager put the column it did not know at the far end.
                table.getColumns().remove(c);
                table.getColumns().add(Math.min(1, table.getColumns().size()), c);
                c.setVisible(true);
              });
      // "Unreachable", the longest status, is only seen in a window over several managers.
      table.getColumns().stream()
          .filter(c -> "Status".equals(c.getText()))
          .forEach(c -> c.setPrefWidth(Math.max(c.getPrefWidth(), STATUS_WIDTH_WITH_MANAGERS)));
    }
  }

  public TableView<AgentRow> view() {
    return table;
  }

  /** The actions on the selected rows, for the window's Agent menu. */
  public AgentActions actions() {
    return actions;
  }

  /** Calls {@code sink} with the id of the row in focus whenever the selection changes. */
  public void onSelection(Consumer<AgentRow> sink) {
    table
        .getSelectionModel()
        .selectedItemProperty()
        .addListener((obs, was, now) -> sink.accept(now));
  }

  /**
   * Shows only rows that carry every {@code tag:NAME} of the text and whose host, address or OS
   * contains the rest, or whose agent id starts with it (ignoring case); see {@link AgentFilter}.
   */
  public void filter(String text) {
    filterText.set(text == null ? "" : text.trim());
    filter = AgentFilter.parse(text);
    filtered.setPredicate(filter);
  }

  /** The chooser that groups the table by a tag, for the toolbar. */
  public javafx.scene.Node groupChooser() {
    return groups.chooser();
  }

  /**
   * An agent's tags changed: once this pulse, filter again when the filter names a tag, and redraw
   * the group names when rows are grouped.
   */
  private void retagged() {
    if (retagPending || !(filter.hasTags() || groups.grouping().on())) {
      return;
    }
    retagPending = true;
    javafx.application.Platform.runLater(
        () -> {
          retagPending = false;
          if (filter.hasTags()) {
            filtered.setPredicate(AgentFilter.parse(filterText.get()));
          }
          if (groups.grouping().on()) {
            resortIfOutOfOrder();
            table.refresh();
          }
        });
  }

  /**
   * What the empty table says: how to add the first agent, or, when a filter hides every agent,
   * that nothing matches it (Esc clears it).
   */
  static String placeholder(boolean noAgents, String filter) {
    return noAgents || filter.isEmpty()
        ? "No agents yet. Click \u201cAdd agent\u2026\u201d for the command to run on each machine."
        : "No agents match '" + filter + "'. Press Esc to clear the filter.";
  }

  /** Esc in the filter field, or in the table, clears the filter and shows every agent again. */
  public void clearFilterOnEscape(TextInputControl field) {
    javafx.event.EventHandler<KeyEvent> clear =
        e -> {
          if (e.getCode() == KeyCode.ESCAPE && !field.getText().isEmpty()) {
            field.clear();
            e.consume();
          }
        };
    field.addEventHandler(KeyEvent.KEY_PRESSED, clear);
    table.addEventHandler(KeyEvent.KEY_PRESSED, clear);
  }

  /** Sorts again now if values moved a row out of place; the window does it once a second. */
  boolean resortIfOutOfOrder() {
    return liveSort.resortIfOutOfOrder();
  }

  /** Selects and shows one agent's row. */
  public void select(String agentId) {
    for (AgentRow r : table.getItems()) {
      if (r.agentId().equals(agentId)) {
        table.getSelectionModel().clearSelection();
        table.getSelectionModel().select(r);
        table.scrollTo(r);
        return;
      }
    }
  }

  private TableRow<AgentRow> newRow() {
    TableRow<AgentRow> row =
        new TableRow<>() {
          @Override
          protected void updateItem(AgentRow item, boolean empty) {
            super.updateItem(item, empty);
            mark(this, empty || item == null ? null : item.getStatus());
            pseudoClassStateChanged(
                TagGroups.GROUP_START, !empty && item != null && groups.startsGroup(getIndex()));
          }
        };
    // Status changes arrive in place, so the pseudo-classes follow the row's status too.
    row.itemProperty()
        .flatMap(AgentRow::statusProperty)
        .addListener((obs, was, now) -> mark(row, now));
    // Built on first request: most rows never have their menu opened.
    row.addEventFilter(
        ContextMenuEvent.CONTEXT_MENU_REQUESTED,
        e -> {
          if (row.isEmpty()) {
            e.consume();
            return;
          }
          if (!table.getSelectionModel().getSelectedItems().contains(row.getItem())) {
            table.getSelectionModel().clearSelection();
            table.getSelectionModel().select(row.getItem());
          }
          if (row.getContextMenu() == null) {
            row.setContextMenu(ActionMenus.contextMenu(actions));
          }
        });
    return row;
  }

  private static void mark(TableRow<AgentRow> row, AgentStatus status) {
    row.pseudoClassStateChanged(OFFLINE, status == AgentStatus.OFFLINE);
    row.pseudoClassStateChanged(STALE, status == AgentStatus.STALE);
    row.pseudoClassStateChanged(PENDING, status == AgentStatus.PENDING);
  }
}
