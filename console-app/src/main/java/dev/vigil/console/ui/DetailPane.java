package dev.vigil.console.ui;

import dev.vigil.console.manager.api.AgentSnapshot;
import dev.vigil.console.manager.api.AgentView;
import dev.vigil.console.manager.api.LiveSeries;
import dev.vigil.console.manager.api.Metric;
import dev.vigil.console.manager.api.MinuteAggregate;
import dev.vigil.protocol.command.Command;
import dev.vigil.protocol.message.FileSystemUsage;
import dev.vigil.protocol.message.Inventory;
import dev.vigil.protocol.message.ProcessInfo;
import dev.vigil.protocol.message.SlowReport;
import dev.vigil.protocol.message.StatsReport;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

/**
 * The selected agent in depth: live charts of CPU, memory and network (longer ranges from the
 * store), per-core CPU, file systems, top processes with a Kill action, inventory and the commands
 * its agent allows. Refreshes itself once a second while an agent is shown. FX thread only.
 */
public final class DetailPane {
  /** How many points a chart draws at most; longer series are averaged into buckets. */
  static final int MAX_POINTS = 300;

  private static final DateTimeFormatter CLOCK =
      DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneId.systemDefault());
  private static final DateTimeFormatter DAY_CLOCK =
      DateTimeFormatter.ofPattern("d MMM HH:mm").withZone(ZoneId.systemDefault());

  /** The time ranges the charts offer; the short ones come from memory, the rest from the store. */
  enum Range {
    MINUTES_15("15 min", Duration.ofMinutes(15), true),
    HOUR("1 hour", Duration.ofHours(1), false),
    DAY("24 hours", Duration.ofDays(1), false),
    WEEK("7 days", Duration.ofDays(7), false),
    MONTH("30 days", Duration.ofDays(30), false);

    final String label;
    final Duration span;
    final boolean live;

    Range(String label, Duration span, boolean live) {
      this.label = label;
      this.span = span;
      this.live = live;
    }
  }

  private final FleetActions actions;
  private final VBox root = new VBox(8);
  private final VBox content = new VBox(8);
  private final Label placeholder = new Label("Select an agent to see its details.");
  private final Label title = new Label();
  private final Label subtitle = new Label();
  private final Label allows = new Label();
  private final ToggleGroup ranges = new ToggleGroup();
  private final Chart cpu = new Chart("CPU %", true);
  private final Chart memory = new Chart("Memory %", true);
  private final Chart network = new Chart("Network, KiB/s", false);
  private final FlowPane cores = new FlowPane(6, 4);
  private final TableView<FileSystemUsage> disks = new TableView<>();
  private final TableView<ProcessInfo> processes = new TableView<>();
  private final ToggleGroup processOrder = new ToggleGroup();
  private final Button kill = new Button("Kill…");
  private final StackPane killHolder = new StackPane(kill);
  private final Tooltip killWhy = new Tooltip();
  private final GridPane inventory = new GridPane();
  private final Timeline ticker;
  private String agentId;
  private AgentSnapshot shown;
  private SlowReport slow;
  private boolean inFlight;
  private long historyFetchedAt;

  public DetailPane(FleetActions actions) {
    this.actions = actions;
    root.setId("detail-pane");
    root.getStyleClass().add("detail-pane");
    root.setPadding(new Insets(8, 10, 8, 10));
    title.getStyleClass().add("detail-title");
    subtitle.getStyleClass().add("detail-subtitle");
    allows.getStyleClass().add("detail-subtitle");
    allows.setId("detail-allows");
    allows.setWrapText(true);
    placeholder.getStyleClass().add("detail-placeholder");

    HBox rangeBar = new HBox(4);
    rangeBar.setAlignment(Pos.CENTER_LEFT);
    for (Range r : Range.values()) {
      ToggleButton b = new ToggleButton(r.label);
      b.setUserData(r);
      b.setToggleGroup(ranges);
      b.getStyleClass().add("range-button");
      b.setId("range-" + r.name().toLowerCase(java.util.Locale.ROOT));
      rangeBar.getChildren().add(b);
    }
    ranges.selectToggle(ranges.getToggles().get(0));
    ranges
        .selectedToggleProperty()
        .addListener(
            (obs, was, now) -> {
              if (now == null) {
                ranges.selectToggle(was); // one range is always chosen
              } else {
                historyFetchedAt = 0;
                refresh();
              }
            });

    VBox charts = new VBox(4, rangeBar, cpu.view, memory.view, network.view);
    charts.setPadding(new Insets(4));
    for (Chart c : List.of(cpu, memory, network)) {
      VBox.setVgrow(c.view, Priority.ALWAYS);
    }

    Label coresTitle = section("CPU per core");
    Label disksTitle = section("File systems");
    buildDisks();
    Label inventoryTitle = section("Machine");
    inventory.setHgap(12);
    inventory.setVgap(3);
    inventory.setId("detail-inventory");
    VBox system =
        new VBox(6, coresTitle, cores, disksTitle, disks, inventoryTitle, inventory, allows);
    system.setPadding(new Insets(6));
    ScrollPane systemScroll = new ScrollPane(system);
    systemScroll.setFitToWidth(true);

    buildProcesses();
    HBox processBar = new HBox(6);
    processBar.setAlignment(Pos.CENTER_LEFT);
    for (String order : List.of("By CPU", "By memory")) {
      ToggleButton b = new ToggleButton(order);
      b.setToggleGroup(processOrder);
      b.setUserData(order);
      processBar.getChildren().add(b);
    }
    processOrder.selectToggle(processOrder.getToggles().get(0));
    processOrder.selectedToggleProperty().addListener((obs, was, now) -> showProcesses());
    Region spacer = new Region();
    HBox.setHgrow(spacer, Priority.ALWAYS);
    kill.setId("detail-kill");
    kill.setOnAction(e -> confirmKill());
    Tooltip.install(killHolder, killWhy);
    processBar.getChildren().addAll(spacer, killHolder);
    VBox processBox = new VBox(6, processBar, processes);
    VBox.setVgrow(processes, Priority.ALWAYS);
    processBox.setPadding(new Insets(6));

    Tab chartsTab = new Tab("Charts", charts);
    Tab systemTab = new Tab("System", systemScroll);
    Tab processesTab = new Tab("Processes", processBox);
    chartsTab.setId("tab-charts");
    systemTab.setId("tab-system");
    processesTab.setId("tab-processes");
    TabPane tabs = new TabPane(chartsTab, systemTab, processesTab);
    tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
    VBox.setVgrow(tabs, Priority.ALWAYS);
    content.getChildren().addAll(title, subtitle, tabs);
    VBox.setVgrow(content, Priority.ALWAYS);
    root.getChildren().add(placeholder);

    ticker = new Timeline(new KeyFrame(javafx.util.Duration.seconds(1), e -> refresh()));
    ticker.setCycleCount(Timeline.INDEFINITE);
  }

  private static Label section(String text) {
    Label l = new Label(text);
    l.getStyleClass().add("section-title");
    return l;
  }

  /** The pane's node. */
  public Node view() {
    return root;
  }

  /** Shows an agent (null: none) and keeps it current. */
  public void show(String id) {
    if (java.util.Objects.equals(id, agentId)) {
      return;
    }
    agentId = id;
    shown = null;
    slow = null;
    historyFetchedAt = 0;
    if (id == null) {
      ticker.stop();
      root.getChildren().setAll(placeholder);
      return;
    }
    root.getChildren().setAll(content);
    for (Chart c : List.of(cpu, memory, network)) {
      c.clear();
    }
    title.setText("…");
    refresh();
    ticker.play();
  }

  /** The agent shown, or null. */
  String agentId() {
    return agentId;
  }

  private Range range() {
    return (Range) ranges.getSelectedToggle().getUserData();
  }

  private void refresh() {
    String id = agentId;
    if (id == null || inFlight) {
      return; // one request at a time: a slow store never piles up work
    }
    inFlight = true;
    Range r = range();
    long now = System.currentTimeMillis();
    boolean fetchHistory = !r.live && now - historyFetchedAt > 30_000;
    CompletableFuture<AgentView> view = actions.view(id);
    CompletableFuture<Map<Metric, List<MinuteAggregate>>> history =
        fetchHistory ? fetchHistory(id, r) : CompletableFuture.completedFuture(null);
    view.thenCombine(history, (v, h) -> new Object[] {v, h})
        .whenComplete(
            (pair, error) ->
                Platform.runLater(
                    () -> {
                      inFlight = false;
                      if (error != null || !id.equals(agentId)) {
                        return;
                      }
                      AgentView v = (AgentView) pair[0];
                      if (v == null) {
                        show(null); // forgotten meanwhile
                        return;
                      }
                      apply(v, r);
                      @SuppressWarnings("unchecked")
                      Map<Metric, List<MinuteAggregate>> h =
                          (Map<Metric, List<MinuteAggregate>>) pair[1];
                      if (h != null && r == range()) {
                        historyFetchedAt = System.currentTimeMillis();
                        applyHistory(h, r);
                      }
                    }));
  }

  private CompletableFuture<Map<Metric, List<MinuteAggregate>>> fetchHistory(String id, Range r) {
    List<Metric> wanted = Metric.LIVE;
    List<CompletableFuture<List<MinuteAggregate>>> parts = new ArrayList<>();
    for (Metric m : wanted) {
      parts.add(actions.history(id, m, r.span));
    }
    return CompletableFuture.allOf(parts.toArray(CompletableFuture[]::new))
        .thenApply(
            ignored -> {
              Map<Metric, List<MinuteAggregate>> out = new java.util.EnumMap<>(Metric.class);
              for (int i = 0; i < wanted.size(); i++) {
                out.put(wanted.get(i), parts.get(i).join());
              }
              return out;
            });
  }

  private void apply(AgentView v, Range r) {
    AgentSnapshot a = v.snapshot();
    shown = a;
    title.setText(a.hostname());
    subtitle.setText(
        a.status().name().toLowerCase(java.util.Locale.ROOT)
            + "   ·   "
            + (a.address().isEmpty() ? "not connected" : a.address())
            + (a.os().isEmpty() ? "" : "   ·   " + a.os()));
    allows.setText(
        "Commands this agent allows: "
            + (a.allowedCommands().isEmpty() ? "none" : String.join(", ", a.allowedCommands())));
    if (r.live) {
      applyLive(v.live(), r);
    }
    showCores(a.stats());
    if (v.details() != null) {
      showInventory(v.details().inventory(), a);
      if (v.details().slow() != slow) {
        slow = v.details().slow();
        disks.getItems().setAll(slow == null ? List.of() : slow.fileSystems());
        showProcesses();
      }
    } else {
      showInventory(null, a);
    }
    updateKill();
  }

  private void applyLive(LiveSeries live, Range r) {
    long now = System.currentTimeMillis();
    long from = now - r.span.toMillis();
    int start = 0;
    long[] t = live.timesMillis();
    while (start < t.length && t[start] < from) {
      start++;
    }
    cpu.setAxis(from, now, r);
    memory.setAxis(from, now, r);
    network.setAxis(from, now, r);
    cpu.setSeries(0, "CPU", bucket(t, live.of(Metric.CPU), start, 1, false));
    memory.setSeries(0, "Memory", bucket(t, live.of(Metric.MEMORY), start, 1, false));
    network.setSeries(0, "In", bucket(t, live.of(Metric.NET_IN), start, 1024, false));
    network.setSeries(1, "Out", bucket(t, live.of(Metric.NET_OUT), start, 1024, false));
  }

  private void applyHistory(Map<Metric, List<MinuteAggregate>> h, Range r) {
    long now = System.currentTimeMillis();
    long from = now - r.span.toMillis();
    cpu.setAxis(from, now, r);
    memory.setAxis(from, now, r);
    network.setAxis(from, now, r);
    cpu.setSeries(0, "CPU, average", minutes(h.get(Metric.CPU), false, 1));
    cpu.setSeries(1, "CPU, peak", minutes(h.get(Metric.CPU), true, 1));
    memory.setSeries(0, "Memory, average", minutes(h.get(Metric.MEMORY), false, 1));
    memory.setSeries(1, "Memory, peak", minutes(h.get(Metric.MEMORY), true, 1));
    network.setSeries(0, "In", minutes(h.get(Metric.NET_IN), false, 1024));
    network.setSeries(1, "Out", minutes(h.get(Metric.NET_OUT), false, 1024));
  }

  /**
   * Folds samples into at most {@link #MAX_POINTS} buckets, as (seconds, value) points: the mean of
   * each bucket, or with {@code peak} its highest value, so that peaks stay peaks.
   */
  static List<double[]> bucket(
      long[] times, double[] values, int start, double divisor, boolean peak) {
    int n = times.length - start;
    List<double[]> points = new ArrayList<>(Math.min(Math.max(n, 0), MAX_POINTS));
    if (n <= 0) {
      return points;
    }
    int per = (n + MAX_POINTS - 1) / MAX_POINTS;
    for (int i = start; i < times.length; i += per) {
      int end = Math.min(times.length, i + per);
      double folded = peak ? Double.NEGATIVE_INFINITY : 0;
      for (int j = i; j < end; j++) {
        folded = peak ? Math.max(folded, values[j]) : folded + values[j];
      }
      double value = peak ? folded : folded / (end - i);
      points.add(new double[] {times[end - 1] / 1000.0, value / divisor});
    }
    return points;
  }

  private static List<double[]> minutes(List<MinuteAggregate> rows, boolean peak, double divisor) {
    if (rows == null) {
      return List.of();
    }
    long[] t = new long[rows.size()];
    double[] v = new double[rows.size()];
    for (int i = 0; i < rows.size(); i++) {
      t[i] = rows.get(i).minuteMillis() + 30_000;
      v[i] = peak ? rows.get(i).max() : rows.get(i).avg();
    }
    return bucket(t, v, 0, divisor, peak);
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
      bar.pseudoClassStateChanged(AgentTable.ELEVATED, p >= 70 && p < 90);
      bar.pseudoClassStateChanged(AgentTable.HIGH, p >= 90);
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
      rows.add(new String[] {"Up for", AgentTable.uptime(s.uptimeSeconds())});
      rows.add(
          new String[] {
            "Agent cost",
            String.format(
                "%.1f %% of a core, %d MiB resident",
                s.agentCpuPercent(), s.agentResidentBytes() >> 20)
          });
    }
    rows.add(new String[] {"Key", a.fingerprint()});
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
    used.setCellFactory(c -> new AgentTable.BarCell<>());
    disks.getColumns().setAll(List.of(mount, type, size, used));
  }

  private void buildProcesses() {
    processes.setId("detail-processes");
    processes.getStyleClass().add(atlantafx.base.theme.Styles.DENSE);
    processes.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
    processes.setPlaceholder(new Label("No processes reported yet (every 30 s)."));
    TableColumn<ProcessInfo, Number> pid = new TableColumn<>("PID");
    pid.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().pid()));
    TableColumn<ProcessInfo, String> name = new TableColumn<>("Name");
    name.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().name()));
    TableColumn<ProcessInfo, String> cpuColumn = new TableColumn<>("CPU %");
    cpuColumn.setCellValueFactory(
        c -> new ReadOnlyStringWrapper(String.format("%.1f", c.getValue().cpuPercent())));
    TableColumn<ProcessInfo, String> rss = new TableColumn<>("Memory");
    rss.setCellValueFactory(
        c -> new ReadOnlyStringWrapper((c.getValue().residentBytes() >> 20) + " MiB"));
    processes.getColumns().setAll(List.of(pid, name, cpuColumn, rss));
    processes.getSelectionModel().selectedItemProperty().addListener((o, w, n) -> updateKill());
    MenuItem killItem = new MenuItem("Kill…");
    killItem.setId("detail-kill-item");
    killItem.setOnAction(e -> confirmKill());
    ContextMenu menu = new ContextMenu(killItem);
    menu.setOnShowing(e -> killItem.setDisable(kill.isDisabled()));
    processes.setContextMenu(menu);
  }

  private void showProcesses() {
    ProcessInfo selected = processes.getSelectionModel().getSelectedItem();
    boolean byMemory =
        processOrder.getSelectedToggle() != null
            && "By memory".equals(processOrder.getSelectedToggle().getUserData());
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

  private void updateKill() {
    boolean allowed = shown != null && shown.allows(Command.KILL);
    boolean chosen = processes.getSelectionModel().getSelectedItem() != null;
    kill.setDisable(!allowed || !chosen);
    killWhy.setText(
        !allowed
            ? "Not allowed by the agent's config: add kill to its allow-list."
            : chosen ? "Ask the agent to terminate this process" : "Select a process first");
  }

  private void confirmKill() {
    ProcessInfo p = processes.getSelectionModel().getSelectedItem();
    AgentSnapshot a = shown;
    if (p == null || a == null || !a.allows(Command.KILL)) {
      return;
    }
    ButtonType go = new ButtonType("Kill", ButtonBar.ButtonData.OK_DONE);
    Alert confirm = new Alert(Alert.AlertType.CONFIRMATION, "", go, ButtonType.CANCEL);
    confirm.initOwner(root.getScene().getWindow());
    confirm.setTitle("Kill process");
    confirm.setHeaderText("Kill " + p.name() + " (PID " + p.pid() + ") on " + a.hostname() + "?");
    confirm.setContentText(
        "The agent asks the process to terminate. An agent in dry-run mode only logs it.");
    confirm.getDialogPane().setId("confirm-kill");
    confirm
        .showAndWait()
        .filter(b -> b == go)
        .ifPresent(
            b -> actions.run(Command.KILL, a.agentId(), Map.of("pid", String.valueOf(p.pid()))));
  }

  /** A line chart of one or two series over a time axis, updated in place. */
  private static final class Chart {
    final NumberAxis x = new NumberAxis();
    final NumberAxis y = new NumberAxis();
    final LineChart<Number, Number> view = new LineChart<>(x, y);

    Chart(String name, boolean percent) {
      view.setTitle(name);
      view.setAnimated(false);
      view.setCreateSymbols(false);
      view.setLegendVisible(!percent);
      view.setMinHeight(120);
      view.setPrefHeight(170);
      view.getStyleClass().add("detail-chart");
      x.setAutoRanging(false);
      x.setForceZeroInRange(false);
      x.setMinorTickVisible(false);
      y.setForceZeroInRange(true);
      if (percent) {
        y.setAutoRanging(false);
        y.setLowerBound(0);
        y.setUpperBound(100);
        y.setTickUnit(25);
      }
      y.setMinorTickVisible(false);
      view.setHorizontalGridLinesVisible(true);
      view.setVerticalGridLinesVisible(false);
    }

    void clear() {
      view.getData().clear();
    }

    void setAxis(long fromMillis, long toMillis, Range r) {
      x.setLowerBound(fromMillis / 1000.0);
      x.setUpperBound(toMillis / 1000.0);
      x.setTickUnit((toMillis - fromMillis) / 1000.0 / 5);
      DateTimeFormatter f = r.span.compareTo(Duration.ofDays(1)) >= 0 ? DAY_CLOCK : CLOCK;
      x.setTickLabelFormatter(
          new StringConverter<>() {
            @Override
            public String toString(Number seconds) {
              return f.format(Instant.ofEpochMilli((long) (seconds.doubleValue() * 1000)));
            }

            @Override
            public Number fromString(String text) {
              return 0;
            }
          });
    }

    void setSeries(int index, String name, List<double[]> points) {
      while (view.getData().size() <= index) {
        view.getData().add(new XYChart.Series<>());
      }
      XYChart.Series<Number, Number> series = view.getData().get(index);
      series.setName(name);
      List<XYChart.Data<Number, Number>> data = new ArrayList<>(points.size());
      for (double[] p : points) {
        data.add(new XYChart.Data<>(p[0], p[1]));
      }
      series.getData().setAll(data);
    }
  }
}
