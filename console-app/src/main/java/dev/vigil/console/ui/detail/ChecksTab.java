package dev.vigil.console.ui.detail;

import dev.vigil.console.manager.api.AgentSnapshot;
import dev.vigil.console.manager.api.CheckMinute;
import dev.vigil.console.manager.api.CommandCheck;
import dev.vigil.console.manager.api.Confirmation;
import dev.vigil.console.ui.dialogs.CommandDialogs;
import dev.vigil.console.ui.model.FleetActions;
import dev.vigil.protocol.command.Command;
import dev.vigil.protocol.command.CommandArgument;
import dev.vigil.protocol.message.CheckMetric;
import dev.vigil.protocol.message.CheckResult;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * The detail pane's Checks tab: every service check of the agent with its state, whether it is a
 * problem, its message, last run and duration, and a chart of the chosen check's figure over the
 * last hour (the stored minutes' means, then each run seen since). Rows are updated in place, so
 * the chosen check stays chosen. FX thread only.
 */
final class ChecksTab {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());
  private static final int MAX_POINTS = 720;

  private final FleetActions actions;
  private final ObservableList<CheckResult> rows = FXCollections.observableArrayList();
  private final TableView<CheckResult> table = new TableView<>(rows);
  private final ComboBox<String> figure = new ComboBox<>();
  private final TimeChart chart = new TimeChart("Choose a check", false);
  private final Label summary = new Label();
  private final Map<String, Deque<double[]>> seen = new HashMap<>();
  private final Tab tab;
  private final Button restart = new Button("Restart service…");
  private final Tooltip restartWhy = new Tooltip();
  private AgentSnapshot shown;
  private String agentId;
  private String charted;

  ChecksTab(FleetActions actions) {
    this.actions = actions;
    table.setId("checks-table");
    table.setPlaceholder(
        new Label("This agent has no service checks: check.NAME = ... in its agent.conf."));
    table.setColumnResizePolicy(TableView.UNCONSTRAINED_RESIZE_POLICY);
    table
        .getColumns()
        .setAll(
            List.of(
                column("Check", 110, CheckResult::name),
                column("Type", 60, CheckResult::type),
                column("State", 80, c -> c.status().name()),
                column("Problem", 65, c -> c.failing() ? "yes" : "no"),
                column(
                    "Last run",
                    75,
                    c ->
                        c.lastRunMillis() == 0
                            ? "never"
                            : TIME.format(Instant.ofEpochMilli(c.lastRunMillis()))),
                column("Took", 60, c -> c.durationMillis() + " ms"),
                column("Message", 300, CheckResult::message)));
    table.setPrefHeight(180);
    table.getSelectionModel().selectedItemProperty().addListener((o, was, now) -> chosen());
    figure.setPromptText("figure");
    figure.valueProperty().addListener((o, was, now) -> chart());
    restart.setId("restart-check-service");
    restart.setTooltip(restartWhy);
    restart.setOnAction(e -> confirmRestart());
    HBox bar = new HBox(6, summary, new Label("Chart of"), figure, restart);
    bar.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
    // Not a .detail-chart: lookups of the Charts tab's charts must not find this one.
    chart.view().getStyleClass().setAll("chart", "check-chart");
    VBox.setVgrow(chart.view(), Priority.ALWAYS);
    VBox content = new VBox(6, bar, table, chart.view());
    content.setPadding(new Insets(4));
    content.setId("tab-checks-content");
    tab = new Tab("Checks", content);
    tab.setId("tab-checks");
  }

  private static TableColumn<CheckResult, String> column(
      String title, double width, java.util.function.Function<CheckResult, String> value) {
    TableColumn<CheckResult, String> c = new TableColumn<>(title);
    c.setCellValueFactory(d -> new ReadOnlyObjectWrapper<>(value.apply(d.getValue())));
    c.setPrefWidth(width);
    return c;
  }

  Tab tab() {
    return tab;
  }

  /** The agent whose checks these are, for restart-service of a systemd check's unit. */
  void agent(AgentSnapshot a) {
    shown = a;
    updateRestart();
  }

  /** The chosen check's unit when restart-service may go for it, else why not, as a sentence. */
  private java.util.Optional<String> whyNoRestart() {
    CheckResult c = table.getSelectionModel().getSelectedItem();
    if (shown == null || c == null) {
      return java.util.Optional.of("Select a check first.");
    }
    if (c.unit() == null) {
      return java.util.Optional.of("Only a systemd check names a service to restart.");
    }
    return CommandCheck.restartService(shown, c.unit());
  }

  private void updateRestart() {
    CheckResult c = table.getSelectionModel().getSelectedItem();
    java.util.Optional<String> why = whyNoRestart();
    restart.setDisable(why.isPresent());
    restart.setText(why.isEmpty() && c != null ? "Restart " + c.unit() + "…" : "Restart service…");
    restartWhy.setText(
        why.orElse("Ask the agent to run 'systemctl restart " + (c == null ? "" : c.unit()) + "'"));
  }

  private void confirmRestart() {
    CheckResult c = table.getSelectionModel().getSelectedItem();
    AgentSnapshot a = shown;
    if (c == null || a == null || whyNoRestart().isPresent()) {
      return;
    }
    Confirmation words =
        Confirmation.restartService(
            c.unit(), List.of(new Confirmation.Target(a.hostname(), a.address(), a.tags())));
    if (CommandDialogs.confirm(
        tab.getContent().getScene().getWindow(), words, "confirm-restart-service")) {
      actions.run(
          Command.RESTART_SERVICE, a.agentId(), Map.of(CommandArgument.UNIT.key(), c.unit()));
    }
  }

  /** Forgets the agent shown, for another one. */
  void clear() {
    shown = null;
    agentId = null;
    charted = null;
    rows.clear();
    seen.clear();
    figure.getItems().clear();
    chart.clear();
  }

  /** Shows an agent's latest checks, keeping the chosen one chosen. */
  void show(String id, List<CheckResult> checks) {
    agentId = id;
    long failing = checks.stream().filter(CheckResult::failing).count();
    summary.setText(checks.isEmpty() ? "" : failing + " of " + checks.size() + " failing.");
    for (CheckResult c : checks) {
      for (CheckMetric m : c.metrics()) {
        Deque<double[]> points =
            seen.computeIfAbsent(key(c.name(), m.name()), k -> new ArrayDeque<>());
        double at = c.lastRunMillis() / 1000.0;
        if (points.isEmpty() || points.peekLast()[0] < at) {
          points.addLast(new double[] {at, m.value()});
          if (points.size() > MAX_POINTS) {
            points.removeFirst();
          }
        }
      }
    }
    CheckResult selected = table.getSelectionModel().getSelectedItem();
    String selectedName = selected == null ? null : selected.name();
    if (!sameRows(checks)) {
      rows.setAll(checks);
    } else {
      for (int i = 0; i < checks.size(); i++) {
        if (!rows.get(i).equals(checks.get(i))) {
          rows.set(i, checks.get(i));
        }
      }
    }
    for (int i = 0; i < rows.size(); i++) {
      if (rows.get(i).name().equals(selectedName)) {
        table.getSelectionModel().select(i);
      }
    }
    if (table.getSelectionModel().getSelectedItem() == null && !rows.isEmpty()) {
      table.getSelectionModel().select(0);
    }
    chart();
  }

  private boolean sameRows(List<CheckResult> checks) {
    if (checks.size() != rows.size()) {
      return false;
    }
    for (int i = 0; i < checks.size(); i++) {
      if (!checks.get(i).name().equals(rows.get(i).name())) {
        return false;
      }
    }
    return true;
  }

  /** A check was chosen: offer its figures, charting the first. */
  private void chosen() {
    updateRestart();
    CheckResult c = table.getSelectionModel().getSelectedItem();
    List<String> names =
        c == null ? List.of() : c.metrics().stream().map(CheckMetric::name).toList();
    if (!names.equals(figure.getItems())) {
      String kept = figure.getValue();
      figure.getItems().setAll(names);
      figure.setValue(names.contains(kept) ? kept : names.isEmpty() ? null : names.getFirst());
    }
  }

  private void chart() {
    CheckResult c = table.getSelectionModel().getSelectedItem();
    String m = figure.getValue();
    if (c == null || m == null || agentId == null) {
      return;
    }
    String key = key(c.name(), m);
    if (!Objects.equals(key, charted)) {
      charted = key;
      fetchHour(agentId, c.name(), m, key);
    }
    long now = System.currentTimeMillis();
    chart.view().setTitle(c.name() + " " + m + unit(c, m));
    chart.setAxis(now - Duration.ofHours(1).toMillis(), now, ChartRange.HOUR);
    chart.setSeries(0, m, new ArrayList<>(seen.getOrDefault(key, new ArrayDeque<>())));
  }

  /** Fills the chart's hour from the stored minutes, before the runs seen live. */
  private void fetchHour(String id, String check, String metric, String key) {
    actions
        .checkHistory(id, check, metric, Duration.ofHours(1))
        .whenComplete(
            (minutes, error) ->
                Platform.runLater(
                    () -> {
                      if (error != null || !id.equals(agentId)) {
                        return;
                      }
                      Deque<double[]> points = seen.computeIfAbsent(key, k -> new ArrayDeque<>());
                      double firstSeen =
                          points.isEmpty() ? Double.MAX_VALUE : points.peekFirst()[0];
                      List<double[]> older = new ArrayList<>();
                      for (CheckMinute minute : minutes) {
                        double at = (minute.minuteMillis() + 30_000) / 1000.0;
                        if (at < firstSeen - 30) {
                          older.add(new double[] {at, minute.avg()});
                        }
                      }
                      for (int i = older.size() - 1; i >= 0; i--) {
                        points.addFirst(older.get(i));
                      }
                      chart();
                    }));
  }

  private static String unit(CheckResult c, String metric) {
    return c.metrics().stream()
        .filter(x -> x.name().equals(metric) && !x.unit().isEmpty())
        .map(x -> ", " + x.unit())
        .findFirst()
        .orElse("");
  }

  private static String key(String check, String metric) {
    return check + "\u0000" + metric;
  }
}
