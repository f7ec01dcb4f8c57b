package dev.vigil.console.ui.table;

import dev.vigil.console.ui.cells.BarCell;
import dev.vigil.console.ui.cells.Uptime;
import dev.vigil.console.ui.model.AgentRow;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.function.Function;
import javafx.beans.value.ObservableValue;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;

/**
 * The agent table's columns, in their default order, width and visibility (JabRef's {@code
 * MainTableColumnFactory}): each reads one of the row's properties through a lambda and draws it
 * with its own cell. The titles are also the keys of the remembered layout.
 */
final class AgentColumns {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

  /** No minimum of our own: the toolkit's default. */
  private static final double ANY = -1;

  /** The id of the column naming each agent's manager. */
  static final String MANAGER_COLUMN = "manager-column";

  private AgentColumns() {}

  /**
   * Every column; the first, the host, is the one to sort by. Hosts that share a name show the
   * start of their agent id, as {@code names} says.
   */
  static List<TableColumn<AgentRow, ?>> all(SameNames names) {
    TextOrder order = new TextOrder();
    TableColumn<AgentRow, String> host = text(order, "Host", names::shownProperty, 140, 90);
    // Cut in the middle: the end of "web-01 (5889d7)" is what tells two hosts of one name apart.
    host.setCellFactory(c -> new HostCell());

    // On demand from the column menu, as OS and uptime are: shown by default it pushed "Last
    // command" off the table at the default 1280 wide (the Checks tab shows them too).
    TableColumn<AgentRow, String> checks =
        text(order, "Checks", AgentRow::checksProperty, 125, ANY);
    checks.setVisible(false);

    TableColumn<AgentRow, Number> processes =
        column("Processes", AgentRow::processesProperty, 80, ANY);
    processes.setCellFactory(
        c -> new FormattedCell<>(n -> n.intValue() < 0 ? null : String.valueOf(n.intValue())));
    processes.setVisible(false);

    TableColumn<AgentRow, Number> load = column("Load", AgentRow::loadProperty, 55, 62);
    load.setCellFactory(
        c ->
            new FormattedCell<>(
                n -> n.doubleValue() < 0 ? null : String.format("%.2f", n.doubleValue())));

    TableColumn<AgentRow, Number> uptime =
        column("Uptime", AgentRow::uptimeSecondsProperty, 90, ANY);
    uptime.setCellFactory(
        c -> new FormattedCell<>(n -> n.longValue() < 0 ? null : Uptime.text(n.longValue())));
    uptime.setVisible(false);

    TableColumn<AgentRow, Number> lastSeen =
        column("Last seen", AgentRow::lastSeenMillisProperty, 80, 90);
    lastSeen.setCellFactory(
        c ->
            new FormattedCell<>(
                n -> n.longValue() <= 0 ? null : TIME.format(Instant.ofEpochMilli(n.longValue()))));

    TableColumn<AgentRow, String> key =
        text(order, "Key fingerprint", AgentRow::fingerprintProperty, 200, ANY);
    key.setVisible(false);
    // Shown by the window when it holds more than one manager.
    TableColumn<AgentRow, String> manager =
        text(order, "Manager", AgentRow::managerProperty, 150, ANY);
    manager.setId(MANAGER_COLUMN);
    manager.setVisible(false);
    TableColumn<AgentRow, String> os = text(order, "OS", AgentRow::osProperty, 160, ANY);
    os.setVisible(false);
    // On demand too: most fleets filter by tag (tag:web) more than they read them.
    TableColumn<AgentRow, String> tags = text(order, "Tags", AgentRow::tagsTextProperty, 140, ANY);
    tags.setVisible(false);

    return List.of(
        host,
        manager,
        text(order, "Address", AgentRow::addressProperty, 105, 90),
        drawn(column("Status", AgentRow::statusProperty, 90, 88), StatusCell::new),
        drawn(column("CPU", AgentRow::cpuPercentProperty, 115, 92), BarCell::new),
        drawn(column("Memory", AgentRow::memoryPercentProperty, 115, 92), BarCell::new),
        load,
        drawn(column("Alerts", AgentRow::activeAlertsProperty, 68, 68), AlertCountCell::new),
        checks,
        tags,
        processes,
        uptime,
        lastSeen,
        text(order, "Last command", AgentRow::lastCommandProperty, 200, ANY),
        os,
        key);
  }

  private static <T> TableColumn<AgentRow, T> column(
      String title,
      Function<AgentRow, ? extends ObservableValue<T>> value,
      double prefWidth,
      double minWidth) {
    TableColumn<AgentRow, T> column = new TableColumn<>(title);
    column.setCellValueFactory(c -> value.apply(c.getValue()));
    column.setPrefWidth(prefWidth);
    if (minWidth != ANY) {
      column.setMinWidth(minWidth);
    }
    return column;
  }

  /** A column of text, in the locale's order. */
  private static TableColumn<AgentRow, String> text(
      TextOrder order,
      String title,
      Function<AgentRow, ? extends ObservableValue<String>> value,
      double prefWidth,
      double minWidth) {
    TableColumn<AgentRow, String> column = column(title, value, prefWidth, minWidth);
    column.setComparator(order);
    return column;
  }

  private static <T> TableColumn<AgentRow, T> drawn(
      TableColumn<AgentRow, T> column, java.util.function.Supplier<TableCell<AgentRow, T>> cell) {
    column.setCellFactory(c -> cell.get());
    return column;
  }

  /** A host name, cut in the middle when the column is narrow; the whole of it as a tooltip. */
  private static final class HostCell extends javafx.scene.control.TableCell<AgentRow, String> {
    private final javafx.scene.control.Tooltip whole = new javafx.scene.control.Tooltip();

    HostCell() {
      setTextOverrun(javafx.scene.control.OverrunStyle.CENTER_ELLIPSIS);
    }

    @Override
    protected void updateItem(String name, boolean empty) {
      super.updateItem(name, empty);
      setText(empty ? null : name);
      whole.setText(name);
      setTooltip(empty || name == null ? null : whole);
    }
  }
}
