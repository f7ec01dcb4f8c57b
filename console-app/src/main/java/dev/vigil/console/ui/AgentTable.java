package dev.vigil.console.ui;

import dev.vigil.console.manager.api.AgentStatus;
import dev.vigil.console.manager.api.CommandOutcome;
import dev.vigil.protocol.command.Command;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import javafx.application.Platform;
import javafx.collections.ListChangeListener;
import javafx.collections.transformation.FilteredList;
import javafx.collections.transformation.SortedList;
import javafx.css.PseudoClass;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextInputDialog;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.ContextMenuEvent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.stage.Window;

/**
 * The agent table: one row per agent, sortable and filterable, with a context menu per row whose
 * power actions ask for confirmation naming the hosts.
 */
public final class AgentTable {
  private static final PseudoClass OFFLINE = PseudoClass.getPseudoClass("offline");
  private static final PseudoClass STALE = PseudoClass.getPseudoClass("stale");
  private static final PseudoClass PENDING = PseudoClass.getPseudoClass("pending");
  static final PseudoClass HIGH = PseudoClass.getPseudoClass("high");
  static final PseudoClass ELEVATED = PseudoClass.getPseudoClass("elevated");
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

  private final TableView<AgentRow> table = new TableView<>();
  private final FilteredList<AgentRow> filtered;
  private final FleetActions actions;

  public AgentTable(FleetModel model, FleetActions actions) {
    this.actions = actions;
    this.filtered = new FilteredList<>(model.rows(), r -> true);
    SortedList<AgentRow> sorted = new SortedList<>(filtered);
    sorted.comparatorProperty().bind(table.comparatorProperty());
    table.setItems(sorted);
    table.setId("agent-table");
    table.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
    table.getStyleClass().add(atlantafx.base.theme.Styles.DENSE);
    table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
    table.setPlaceholder(
        new javafx.scene.control.Label(
            "No agents yet. Click \u201cAdd agent\u2026\u201d for the command to run on each machine."));

    TableColumn<AgentRow, String> host = new TableColumn<>("Host");
    host.setCellValueFactory(c -> c.getValue().hostnameProperty());
    host.setPrefWidth(140);
    host.setMinWidth(90);

    TableColumn<AgentRow, String> address = new TableColumn<>("Address");
    address.setCellValueFactory(c -> c.getValue().addressProperty());
    address.setPrefWidth(105);
    address.setMinWidth(90);

    TableColumn<AgentRow, AgentStatus> status = new TableColumn<>("Status");
    status.setCellValueFactory(c -> c.getValue().statusProperty());
    status.setCellFactory(c -> new StatusCell());
    status.setPrefWidth(90);
    status.setMinWidth(88);

    TableColumn<AgentRow, Number> cpu = new TableColumn<>("CPU");
    cpu.setCellValueFactory(c -> c.getValue().cpuPercentProperty());
    cpu.setCellFactory(c -> new BarCell<>());
    cpu.setPrefWidth(115);
    cpu.setMinWidth(100);

    TableColumn<AgentRow, Number> memory = new TableColumn<>("Memory");
    memory.setCellValueFactory(c -> c.getValue().memoryPercentProperty());
    memory.setCellFactory(c -> new BarCell<>());
    memory.setPrefWidth(115);
    memory.setMinWidth(100);

    TableColumn<AgentRow, Number> procs = new TableColumn<>("Processes");
    procs.setCellValueFactory(c -> c.getValue().processesProperty());
    procs.setCellFactory(
        c -> new FormattedCell<>(n -> n.intValue() < 0 ? null : String.valueOf(n.intValue())));
    procs.setPrefWidth(80);
    procs.setVisible(false);

    TableColumn<AgentRow, Number> load = new TableColumn<>("Load");
    load.setCellValueFactory(c -> c.getValue().loadProperty());
    load.setCellFactory(
        c ->
            new FormattedCell<>(
                n -> n.doubleValue() < 0 ? null : String.format("%.2f", n.doubleValue())));
    load.setPrefWidth(55);
    load.setMinWidth(62);

    TableColumn<AgentRow, Number> alerts = new TableColumn<>("Alerts");
    alerts.setCellValueFactory(c -> c.getValue().activeAlertsProperty());
    alerts.setCellFactory(
        c ->
            new TableCell<>() {
              @Override
              protected void updateItem(Number item, boolean empty) {
                super.updateItem(item, empty);
                boolean some = !empty && item != null && item.intValue() > 0;
                setText(some ? String.valueOf(item.intValue()) : null);
                pseudoClassStateChanged(HIGH, some);
              }
            });
    alerts.setPrefWidth(68);
    alerts.setMinWidth(68);

    TableColumn<AgentRow, Number> uptime = new TableColumn<>("Uptime");
    uptime.setCellValueFactory(c -> c.getValue().uptimeSecondsProperty());
    uptime.setCellFactory(
        c -> new FormattedCell<>(n -> n.longValue() < 0 ? null : uptime(n.longValue())));
    uptime.setPrefWidth(90);
    uptime.setVisible(false);

    TableColumn<AgentRow, Number> lastSeen = new TableColumn<>("Last seen");
    lastSeen.setCellValueFactory(c -> c.getValue().lastSeenMillisProperty());
    lastSeen.setCellFactory(
        c ->
            new FormattedCell<>(
                n -> n.longValue() <= 0 ? null : TIME.format(Instant.ofEpochMilli(n.longValue()))));
    lastSeen.setPrefWidth(80);
    lastSeen.setMinWidth(90);

    TableColumn<AgentRow, String> lastCommand = new TableColumn<>("Last command");
    lastCommand.setCellValueFactory(c -> c.getValue().lastCommandProperty());
    lastCommand.setPrefWidth(200);

    TableColumn<AgentRow, String> key = new TableColumn<>("Key fingerprint");
    key.setCellValueFactory(c -> c.getValue().fingerprintProperty());
    key.setPrefWidth(200);
    key.setVisible(false);

    TableColumn<AgentRow, String> os = new TableColumn<>("OS");
    os.setCellValueFactory(c -> c.getValue().osProperty());
    os.setPrefWidth(160);
    os.setVisible(false);

    List.of(
            host,
            address,
            status,
            cpu,
            memory,
            load,
            alerts,
            procs,
            uptime,
            lastSeen,
            lastCommand,
            os,
            key)
        .forEach(col -> table.getColumns().add(col));
    table.getSortOrder().add(host);
    table.setTableMenuButtonVisible(true);
    table.setRowFactory(t -> newRow());
  }

  /** The control, for layout. */
  /** Calls {@code sink} with the id of the row in focus whenever the selection changes. */
  public void onSelection(java.util.function.Consumer<String> sink) {
    table
        .getSelectionModel()
        .selectedItemProperty()
        .addListener((obs, was, now) -> sink.accept(now == null ? null : now.agentId()));
  }

  public TableView<AgentRow> view() {
    return table;
  }

  /** Shows only rows whose host, address or OS contains the text (ignoring case). */
  public void filter(String text) {
    String needle = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
    filtered.setPredicate(
        r ->
            needle.isEmpty()
                || r.getHostname().toLowerCase(Locale.ROOT).contains(needle)
                || r.getAddress().toLowerCase(Locale.ROOT).contains(needle)
                || r.osProperty().get().toLowerCase(Locale.ROOT).contains(needle));
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
            pseudoClassStateChanged(
                OFFLINE, !empty && item != null && item.getStatus() == AgentStatus.OFFLINE);
            pseudoClassStateChanged(
                STALE, !empty && item != null && item.getStatus() == AgentStatus.STALE);
            pseudoClassStateChanged(
                PENDING, !empty && item != null && item.getStatus() == AgentStatus.PENDING);
          }
        };
    // Status changes arrive in place, so the pseudo-classes follow the row's status too.
    row.itemProperty()
        .flatMap(AgentRow::statusProperty)
        .addListener(
            (obs, was, now) -> {
              row.pseudoClassStateChanged(OFFLINE, now == AgentStatus.OFFLINE);
              row.pseudoClassStateChanged(STALE, now == AgentStatus.STALE);
              row.pseudoClassStateChanged(PENDING, now == AgentStatus.PENDING);
            });
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
            row.setContextMenu(newMenu());
          }
        });
    return row;
  }

  /**
   * The selection's actions as menu items, enabled by the selection's status and allow-lists. The
   * row menu and the window's Agent menu each hold one set, so both always agree.
   */
  private final class ActionItems {
    final MenuItem restart =
        item("Restart…", "restart-item", () -> confirmAndSend(Command.RESTART));
    final MenuItem shutdown =
        item("Shut down…", "shutdown-item", () -> confirmAndSend(Command.SHUTDOWN));
    final MenuItem refresh =
        item("Refresh now", "refresh-item", () -> actions.send(Command.REFRESH, ids(selected())));
    final MenuItem processes = item("Processes…", "processes-item", AgentTable.this::showProcesses);
    final MenuItem kill = item("Kill process…", "kill-item", AgentTable.this::askAndKill);
    final MenuItem approve =
        item("Approve", "approve-item", () -> actions.approve(ids(selected())));
    final MenuItem reject = item("Reject", "reject-item", () -> actions.reject(ids(selected())));
    final MenuItem forget = item("Forget…", "forget-item", AgentTable.this::confirmForget);
    final MenuItem copy = item("Copy address", "copy-item", AgentTable.this::copyAddresses);

    private MenuItem item(String text, String id, Runnable action) {
      MenuItem item = new MenuItem(text);
      item.setId(id);
      item.setOnAction(e -> action.run());
      return item;
    }

    void update() {
      List<AgentRow> targets = selected();
      List<AgentRow> single = targets.size() > 1 ? List.of() : targets;
      commandItem(
          restart, Command.RESTART, plural(targets, "Restart…", "Restart %d machines…"), targets);
      commandItem(
          shutdown,
          Command.SHUTDOWN,
          plural(targets, "Shut down…", "Shut down %d machines…"),
          targets);
      commandItem(refresh, Command.REFRESH, "Refresh now", targets);
      commandItem(processes, Command.PROCESSES, "Processes…", single);
      commandItem(kill, Command.KILL, "Kill process…", single);
      approve.setDisable(
          targets.stream()
              .noneMatch(
                  r ->
                      r.getStatus() == AgentStatus.PENDING
                          || r.getStatus() == AgentStatus.REJECTED));
      reject.setDisable(
          targets.isEmpty()
              || targets.stream().allMatch(r -> r.getStatus() == AgentStatus.REJECTED));
      forget.setDisable(targets.isEmpty());
      copy.setDisable(targets.isEmpty());
    }
  }

  private void copyAddresses() {
    ClipboardContent content = new ClipboardContent();
    content.putString(String.join("\n", selected().stream().map(AgentRow::getAddress).toList()));
    Clipboard.getSystemClipboard().setContent(content);
  }

  private ContextMenu newMenu() {
    ActionItems items = new ActionItems();
    ContextMenu menu =
        new ContextMenu(
            items.restart,
            items.shutdown,
            items.refresh,
            items.processes,
            items.kill,
            new SeparatorMenuItem(),
            items.approve,
            items.reject,
            items.forget,
            new SeparatorMenuItem(),
            items.copy);
    menu.setOnShowing(e -> items.update());
    return menu;
  }

  /**
   * Builds the window's Agent menu: the same actions as the row menu, for the selection, with
   * keyboard shortcuts.
   */
  public Menu agentMenu() {
    ActionItems items = new ActionItems();
    items.restart.setAccelerator(new KeyCodeCombination(KeyCode.R, KeyCombination.SHORTCUT_DOWN));
    items.refresh.setAccelerator(new KeyCodeCombination(KeyCode.F5));
    items.processes.setAccelerator(new KeyCodeCombination(KeyCode.P, KeyCombination.SHORTCUT_DOWN));
    items.forget.setAccelerator(new KeyCodeCombination(KeyCode.DELETE));
    Menu menu =
        new Menu(
            "_Agent",
            null,
            items.restart,
            items.shutdown,
            items.refresh,
            items.processes,
            items.kill,
            new SeparatorMenuItem(),
            items.approve,
            items.reject,
            items.forget,
            new SeparatorMenuItem(),
            items.copy);
    menu.setId("agent-menu");
    menu.setOnShowing(e -> items.update());
    // Accelerators fire without the menu showing: keep the items' state current.
    table
        .getSelectionModel()
        .getSelectedItems()
        .addListener((ListChangeListener<AgentRow>) c -> items.update());
    items.update();
    return menu;
  }

  /** Enables a command only where every target's own config allows it, saying why not. */
  private static void commandItem(
      MenuItem item, Command command, String label, List<AgentRow> targets) {
    boolean approved = targets.stream().allMatch(r -> r.getStatus().isApproved());
    boolean allowed = !targets.isEmpty() && targets.stream().allMatch(r -> r.allows(command));
    boolean connected =
        targets.stream()
            .allMatch(
                r -> r.getStatus() == AgentStatus.ONLINE || r.getStatus() == AgentStatus.STALE);
    item.setDisable(targets.isEmpty() || !approved || !allowed || !connected);
    if (targets.isEmpty()) {
      item.setText(label + " (one agent at a time)");
    } else if (!approved) {
      item.setText(label + " (agent not approved)");
    } else if (!allowed) {
      item.setText(label + " (not allowed by the agent's config)");
    } else if (!connected) {
      item.setText(label + " (agent offline)");
    } else {
      item.setText(label);
    }
  }

  private static String plural(List<AgentRow> targets, String one, String many) {
    return targets.size() > 1 ? String.format(many, targets.size()) : one;
  }

  private void showProcesses() {
    List<AgentRow> targets = selected();
    if (targets.size() != 1) {
      return;
    }
    AgentRow row = targets.get(0);
    Window owner = table.getScene().getWindow();
    actions
        .run(Command.PROCESSES, row.agentId(), java.util.Map.of())
        .whenComplete(
            (outcome, error) ->
                Platform.runLater(
                    () -> {
                      Alert dialog = new Alert(Alert.AlertType.INFORMATION);
                      dialog.initOwner(owner);
                      dialog.setTitle("Processes");
                      dialog.setHeaderText("Top processes on " + row.getHostname());
                      TextArea text =
                          new TextArea(
                              error != null
                                  ? "Could not ask: " + error.getMessage()
                                  : outcome.status() == CommandOutcome.Status.SUCCEEDED
                                      ? outcome.detail()
                                      : FleetModel.describe(outcome));
                      text.setEditable(false);
                      text.setStyle("-fx-font-family: monospace;");
                      text.setPrefColumnCount(60);
                      text.setPrefRowCount(18);
                      dialog.getDialogPane().setContent(text);
                      dialog.getDialogPane().setId("processes-dialog");
                      dialog.show();
                    }));
  }

  private void askAndKill() {
    List<AgentRow> targets = selected();
    if (targets.size() != 1) {
      return;
    }
    AgentRow row = targets.get(0);
    TextInputDialog ask = new TextInputDialog();
    ask.initOwner(table.getScene().getWindow());
    ask.setTitle("Kill process");
    ask.setHeaderText("Kill which process on " + row.getHostname() + "?");
    ask.setContentText("Process id (see Processes…):");
    ask.getDialogPane().setId("kill-dialog");
    ask.showAndWait()
        .map(String::trim)
        .filter(pid -> pid.matches("[0-9]{1,10}"))
        .ifPresent(pid -> actions.run(Command.KILL, row.agentId(), java.util.Map.of("pid", pid)));
  }

  private static List<String> ids(List<AgentRow> rows) {
    return rows.stream().map(AgentRow::agentId).toList();
  }

  private void confirmForget() {
    List<AgentRow> targets = selected();
    if (targets.isEmpty()) {
      return;
    }
    String hosts = String.join(", ", targets.stream().map(AgentRow::getHostname).toList());
    ButtonType go = new ButtonType("Forget", ButtonBar.ButtonData.OK_DONE);
    Alert confirm = new Alert(Alert.AlertType.CONFIRMATION, "", go, ButtonType.CANCEL);
    confirm.initOwner(table.getScene().getWindow());
    confirm.setTitle("Forget agents");
    confirm.setHeaderText("Forget " + hosts + "?");
    confirm.setContentText(
        "The console forgets the agent and its key. To come back it must be enrolled with a new"
            + " token or approved again.");
    confirm.getDialogPane().setId("confirm-forget");
    confirm.showAndWait().filter(b -> b == go).ifPresent(b -> actions.forget(ids(targets)));
  }

  private List<AgentRow> selected() {
    return List.copyOf(table.getSelectionModel().getSelectedItems());
  }

  private void confirmAndSend(Command command) {
    String verb = command.label();
    List<AgentRow> targets = selected();
    if (targets.isEmpty()) {
      return;
    }
    String hosts =
        String.join(
            ", ",
            targets.stream().map(r -> r.getHostname() + " (" + r.getAddress() + ")").toList());
    ButtonType go = new ButtonType(verb, ButtonBar.ButtonData.OK_DONE);
    Alert confirm = new Alert(Alert.AlertType.CONFIRMATION, "", go, ButtonType.CANCEL);
    confirm.initOwner(table.getScene().getWindow());
    confirm.setTitle(verb + " machines");
    confirm.setHeaderText(
        verb
            + " "
            + (targets.size() == 1 ? targets.get(0).getHostname() : targets.size() + " machines")
            + "?");
    confirm.setContentText(
        "This asks the agent on "
            + hosts
            + " to "
            + command.wireName()
            + " its machine."
            + " Agents in dry-run mode only log what they would run.");
    confirm.getDialogPane().setId("confirm-" + command.wireName());
    confirm
        .showAndWait()
        .filter(b -> b == go)
        .ifPresent(b -> actions.send(command, targets.stream().map(AgentRow::agentId).toList()));
  }

  private static final class StatusCell extends TableCell<AgentRow, AgentStatus> {
    private final javafx.scene.shape.Circle dot = new javafx.scene.shape.Circle(5);

    @Override
    protected void updateItem(AgentStatus item, boolean empty) {
      super.updateItem(item, empty);
      if (empty || item == null) {
        setText(null);
        setGraphic(null);
        return;
      }
      setText(item.name().charAt(0) + item.name().substring(1).toLowerCase(Locale.ROOT));
      dot.getStyleClass().setAll("status-dot", "status-" + item.name().toLowerCase(Locale.ROOT));
      setGraphic(dot);
    }
  }

  /** A percentage as its number beside an inline bar. */
  static final class BarCell<S> extends TableCell<S, Number> {
    private final ProgressBar bar = new ProgressBar();
    private final javafx.scene.control.Label label = new javafx.scene.control.Label();
    private final javafx.scene.layout.HBox pane = new javafx.scene.layout.HBox(6, label, bar);

    BarCell() {
      bar.setMaxWidth(Double.MAX_VALUE);
      javafx.scene.layout.HBox.setHgrow(bar, javafx.scene.layout.Priority.ALWAYS);
      bar.getStyleClass().add("load-bar");
      label.getStyleClass().add("load-label");
      label.setMinWidth(52);
      label.setAlignment(javafx.geometry.Pos.CENTER_RIGHT);
      pane.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
    }

    @Override
    protected void updateItem(Number item, boolean empty) {
      super.updateItem(item, empty);
      if (empty || item == null || item.doubleValue() < 0) {
        setGraphic(null);
        return;
      }
      double v = item.doubleValue();
      bar.setProgress(v / 100);
      bar.pseudoClassStateChanged(HIGH, v >= 90);
      bar.pseudoClassStateChanged(ELEVATED, v >= 70 && v < 90);
      label.setText(String.format("%.1f %%", v));
      setGraphic(pane);
    }
  }

  /** A number shown as the text its format gives, or nothing when the format gives null. */
  static final class FormattedCell<S> extends TableCell<S, Number> {
    private final java.util.function.Function<Number, String> format;

    FormattedCell(java.util.function.Function<Number, String> format) {
      this.format = format;
    }

    @Override
    protected void updateItem(Number item, boolean empty) {
      super.updateItem(item, empty);
      setText(empty || item == null ? null : format.apply(item));
    }
  }

  /** How long a machine has been up, for people: "3 d 4 h", "2 h 10 min", "7 min". */
  static String uptime(long seconds) {
    long days = seconds / 86_400;
    long hours = seconds % 86_400 / 3600;
    long minutes = seconds % 3600 / 60;
    return days > 0
        ? days + " d " + hours + " h"
        : hours > 0 ? hours + " h " + minutes + " min" : minutes + " min";
  }
}
