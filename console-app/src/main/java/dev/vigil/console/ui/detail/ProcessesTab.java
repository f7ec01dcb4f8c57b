package dev.vigil.console.ui.detail;

import dev.vigil.console.manager.api.AgentSnapshot;
import dev.vigil.console.manager.api.CommandCheck;
import dev.vigil.console.manager.api.Confirmation;
import dev.vigil.console.ui.dialogs.CommandDialogs;
import dev.vigil.console.ui.model.FleetActions;
import dev.vigil.protocol.command.Command;
import dev.vigil.protocol.command.CommandArgument;
import dev.vigil.protocol.message.ProcessInfo;
import dev.vigil.protocol.message.SlowReport;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Tab;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/**
 * The detail pane's Processes tab: the agent's top processes by CPU or by memory, and a Kill action
 * (button and row menu) that {@link CommandCheck} enables and a tooltip explains. FX thread only.
 */
final class ProcessesTab {
  private static final String BY_MEMORY = "By memory";

  private final FleetActions actions;
  private final TableView<ProcessInfo> processes = new TableView<>();
  private final ToggleGroup order = new ToggleGroup();
  private final Button kill = new Button("Kill…");
  private final Tooltip killWhy = new Tooltip();
  private final Label sampledAt = new Label();
  private final VBox box;
  private final Tab tab;
  private AgentSnapshot shown;
  private SlowReport slow;

  ProcessesTab(FleetActions actions) {
    this.actions = actions;
    buildTable();
    HBox bar = new HBox(6);
    bar.setAlignment(Pos.CENTER_LEFT);
    for (String o : List.of("By CPU", BY_MEMORY)) {
      ToggleButton b = new ToggleButton(o);
      b.setToggleGroup(order);
      b.setUserData(o);
      bar.getChildren().add(b);
    }
    order.selectToggle(order.getToggles().get(0));
    order.selectedToggleProperty().addListener((obs, was, now) -> showProcesses());
    Region spacer = new Region();
    HBox.setHgrow(spacer, Priority.ALWAYS);
    kill.setId("detail-kill");
    kill.setOnAction(e -> confirmKill());
    // A disabled button shows no tooltip: its holder carries the reason.
    StackPane killHolder = new StackPane(kill);
    Tooltip.install(killHolder, killWhy);
    sampledAt.setId("detail-processes-sampled");
    bar.getChildren().addAll(sampledAt, spacer, killHolder);
    box = new VBox(6, bar, processes);
    VBox.setVgrow(processes, Priority.ALWAYS);
    box.setPadding(new Insets(6));
    tab = new Tab("Processes", box);
    tab.setId("tab-processes");
  }

  Tab tab() {
    return tab;
  }

  /** Shows the agent whose processes these are, for the Kill rule (null: none yet). */
  void agent(AgentSnapshot agent) {
    shown = agent;
    updateSampledAt();
    updateKill();
  }

  /** Shows a new report of top processes (null: none yet), keeping the selected process. */
  void showProcesses(SlowReport report) {
    slow = report;
    showProcesses();
  }

  private void buildTable() {
    processes.setId("detail-processes");
    processes.getStyleClass().add(atlantafx.base.theme.Styles.DENSE);
    processes.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
    processes.setPlaceholder(new Label("No processes reported yet (every 30 s)."));
    TableColumn<ProcessInfo, Number> pid = new TableColumn<>("PID");
    pid.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().pid()));
    TableColumn<ProcessInfo, String> name = new TableColumn<>("Name");
    name.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().name()));
    TableColumn<ProcessInfo, String> cpu = new TableColumn<>("CPU %");
    cpu.setCellValueFactory(
        c -> new ReadOnlyStringWrapper(String.format("%.1f", c.getValue().cpuPercent())));
    TableColumn<ProcessInfo, String> rss = new TableColumn<>("Memory");
    rss.setCellValueFactory(
        c -> new ReadOnlyStringWrapper((c.getValue().residentBytes() >> 20) + " MiB"));
    TableColumn<ProcessInfo, String> user = new TableColumn<>("User");
    user.setCellValueFactory(c -> new ReadOnlyStringWrapper(orDash(c.getValue().user())));
    TableColumn<ProcessInfo, String> command = new TableColumn<>("Command line");
    command.setCellValueFactory(c -> new ReadOnlyStringWrapper(orDash(c.getValue().commandLine())));
    command.setCellFactory(c -> new CommandLineCell());
    processes.getColumns().setAll(List.of(pid, name, user, cpu, rss, command));
    processes.getSelectionModel().selectedItemProperty().addListener((o, w, n) -> updateKill());
    MenuItem killItem = new MenuItem("Kill…");
    killItem.setId("detail-kill-item");
    killItem.setOnAction(e -> confirmKill());
    ContextMenu menu = new ContextMenu(killItem);
    menu.setOnShowing(e -> killItem.setDisable(kill.isDisabled()));
    processes.setContextMenu(menu);
  }

  private static String orDash(String text) {
    return text == null || text.isEmpty() ? "-" : text;
  }

  private void updateSampledAt() {
    sampledAt.setText(
        slow == null ? "" : SampleAge.sentence(slow.sampledAtMillis(), System.currentTimeMillis()));
  }

  /** A command line cut by the column, whole in its tooltip. */
  private static final class CommandLineCell extends TableCell<ProcessInfo, String> {
    private final Tooltip whole = new Tooltip();

    @Override
    protected void updateItem(String item, boolean empty) {
      super.updateItem(item, empty);
      setText(empty ? null : item);
      whole.setText(item);
      setTooltip(empty || item == null || "-".equals(item) ? null : whole);
    }
  }

  private void showProcesses() {
    updateSampledAt();
    ProcessInfo selected = processes.getSelectionModel().getSelectedItem();
    boolean byMemory =
        order.getSelectedToggle() != null
            && BY_MEMORY.equals(order.getSelectedToggle().getUserData());
    processes
        .getItems()
        .setAll(slow == null ? List.of() : byMemory ? slow.topByMemory() : slow.topByCpu());
    if (selected != null) {
      processes.getItems().stream()
          .filter(p -> p.pid() == selected.pid())
          .findFirst()
          .ifPresent(p -> processes.getSelectionModel().select(p));
    }
    updateKill();
  }

  /** Why Kill is not offered now, or empty when it is. */
  private Optional<String> whyNoKill() {
    if (shown == null) {
      return Optional.of(CommandCheck.Refusal.ONE_AT_A_TIME.sentence(Command.KILL));
    }
    return CommandCheck.check(shown, Command.KILL).map(r -> r.sentence(Command.KILL));
  }

  private void updateKill() {
    Optional<String> refusal = whyNoKill();
    boolean chosen = processes.getSelectionModel().getSelectedItem() != null;
    kill.setDisable(refusal.isPresent() || !chosen);
    killWhy.setText(
        refusal.orElse(
            chosen ? "Ask the agent to terminate this process" : "Select a process first"));
  }

  private void confirmKill() {
    ProcessInfo p = processes.getSelectionModel().getSelectedItem();
    AgentSnapshot a = shown;
    if (p == null || a == null || whyNoKill().isPresent()) {
      return;
    }
    Confirmation words = Confirmation.kill(p.name(), p.pid(), a.hostname());
    if (CommandDialogs.confirm(box.getScene().getWindow(), words, "confirm-kill")) {
      actions.run(
          Command.KILL, a.agentId(), Map.of(CommandArgument.PID.key(), String.valueOf(p.pid())));
    }
  }
}
