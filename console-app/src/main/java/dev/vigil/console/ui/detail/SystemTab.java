package dev.vigil.console.ui.detail;

import dev.vigil.console.manager.api.AgentSnapshot;
import dev.vigil.console.ui.cells.BarCell;
import dev.vigil.console.ui.cells.LoadLevel;
import dev.vigil.console.ui.cells.Uptime;
import dev.vigil.protocol.message.FileSystemUsage;
import dev.vigil.protocol.message.Inventory;
import dev.vigil.protocol.message.SlowReport;
import dev.vigil.protocol.message.StatsReport;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/**
 * The detail pane's System tab: a bar per CPU core, the file systems, the machine's inventory and
 * the commands its agent allows. Nodes are reused as values change. FX thread only.
 */
final class SystemTab {
  private final FlowPane cores = new FlowPane(6, 4);
  private final TableView<FileSystemUsage> disks = new TableView<>();
  private final GridPane inventory = new GridPane();
  private final Label allows = new Label();
  private final Tab tab;

  SystemTab() {
    allows.getStyleClass().add("detail-subtitle");
    allows.setId("detail-allows");
    allows.setWrapText(true);
    buildDisks();
    inventory.setHgap(12);
    inventory.setVgap(3);
    inventory.setId("detail-inventory");
    VBox system =
        new VBox(
            6,
            DetailPane.section("CPU per core"),
            cores,
            DetailPane.section("File systems"),
            disks,
            DetailPane.section("Machine"),
            inventory,
            allows);
    system.setPadding(new Insets(6));
    ScrollPane scroll = new ScrollPane(system);
    scroll.setFitToWidth(true);
    tab = new Tab("System", scroll);
    tab.setId("tab-system");
  }

  Tab tab() {
    return tab;
  }

  /** Shows an agent's latest snapshot, with its inventory when it has reported one (or null). */
  void show(AgentSnapshot a, Inventory i) {
    allows.setText(
        "Commands this agent allows: "
            + (a.allowedCommands().isEmpty() ? "none" : String.join(", ", a.allowedCommands())));
    showCores(a.stats());
    showInventory(i, a);
  }

  /** Shows a new report of file systems (null: none yet). */
  void showFileSystems(SlowReport slow) {
    disks.getItems().setAll(slow == null ? List.of() : slow.fileSystems());
  }

  private void showCores(StatsReport s) {
    List<Double> perCore = s == null ? List.of() : s.cpuPerCore();
    while (cores.getChildren().size() > perCore.size()) {
      cores.getChildren().remove(cores.getChildren().size() - 1);
    }
    while (cores.getChildren().size() < perCore.size()) {
      ProgressBar bar = new ProgressBar(0);
      bar.getStyleClass().add("load-bar");
      bar.setPrefWidth(90);
      Label label = new Label();
      label.getStyleClass().add("load-label");
      label.setMinWidth(70);
      cores.getChildren().add(new HBox(4, label, bar));
    }
    for (int i = 0; i < perCore.size(); i++) {
      HBox box = (HBox) cores.getChildren().get(i);
      double p = perCore.get(i);
      ((Label) box.getChildren().get(0)).setText(String.format("core %d %3.0f%%", i, p));
      ProgressBar bar = (ProgressBar) box.getChildren().get(1);
      bar.setProgress(p / 100);
      LoadLevel.mark(bar, p);
    }
  }

  private void showInventory(Inventory i, AgentSnapshot a) {
    List<String[]> rows = new ArrayList<>();
    if (i != null) {
      rows.add(new String[] {"Processor", i.cpuModel()});
      rows.add(
          new String[] {"Cores", i.physicalCores() + " cores, " + i.logicalCores() + " threads"});
      rows.add(new String[] {"Memory", gib(i.memoryTotalBytes()) + " GiB"});
      rows.add(new String[] {"System", i.os() + ", " + i.architecture()});
      rows.add(new String[] {"Kernel", i.kernel()});
      rows.add(new String[] {"Addresses", String.join(", ", i.ipAddresses())});
      rows.add(new String[] {"Agent", "Vigil agent " + i.agentVersion()});
    }
    StatsReport s = a.stats();
    if (s != null) {
      rows.add(new String[] {"Up for", Uptime.text(s.uptimeSeconds())});
      rows.add(
          new String[] {
            "Agent cost",
            String.format(
                "%.1f %% of a core, %d MiB resident",
                s.agentCpuPercent(), s.agentResidentBytes() >> 20)
          });
    }
    rows.add(new String[] {"Key", a.fingerprint()});
    // The same keys as last time: only the values change, the labels stay.
    if (inventory.getChildren().size() == rows.size() * 2) {
      for (int r = 0; r < rows.size(); r++) {
        ((Label) inventory.getChildren().get(r * 2 + 1)).setText(rows.get(r)[1]);
      }
      return;
    }
    inventory.getChildren().clear();
    for (int r = 0; r < rows.size(); r++) {
      Label key = new Label(rows.get(r)[0]);
      key.getStyleClass().add("inventory-key");
      Label value = new Label(rows.get(r)[1]);
      value.setWrapText(true);
      inventory.addRow(r, key, value);
    }
  }

  private static String gib(long bytes) {
    return String.format("%.1f", bytes / (1024.0 * 1024 * 1024));
  }

  private void buildDisks() {
    disks.setId("detail-disks");
    disks.getStyleClass().add(atlantafx.base.theme.Styles.DENSE);
    disks.setPrefHeight(160);
    disks.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
    disks.setPlaceholder(new Label("No file systems reported yet (every 30 s)."));
    TableColumn<FileSystemUsage, String> mount = new TableColumn<>("Mount");
    mount.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().mount()));
    TableColumn<FileSystemUsage, String> type = new TableColumn<>("Type");
    type.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().type()));
    TableColumn<FileSystemUsage, String> size = new TableColumn<>("Used");
    size.setCellValueFactory(
        c ->
            new ReadOnlyStringWrapper(
                gib(c.getValue().usedBytes()) + " / " + gib(c.getValue().totalBytes()) + " GiB"));
    TableColumn<FileSystemUsage, Number> used = new TableColumn<>("Full");
    used.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().usedPercent()));
    used.setCellFactory(c -> new BarCell<>());
    disks.getColumns().setAll(List.of(mount, type, size, used));
  }
}
