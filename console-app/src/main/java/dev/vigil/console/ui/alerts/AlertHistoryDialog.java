package dev.vigil.console.ui.alerts;

import dev.vigil.console.manager.api.AlertEvent;
import dev.vigil.console.manager.api.AlertQuery;
import dev.vigil.console.ui.model.Failure;
import dev.vigil.console.ui.model.FleetActions;
import dev.vigil.console.ui.window.WindowFit;
import dev.vigil.protocol.message.AlertState;
import dev.vigil.protocol.message.Severity;
import java.io.File;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/**
 * The alert history from the store: a time range, severity and agent filter, and a CSV export. FX
 * thread only; reads go through {@link FleetActions} off the FX thread.
 */
public final class AlertHistoryDialog {
  /** How many alerts one search shows at most. */
  static final int LIMIT = 5000;

  private static final DateTimeFormatter WHEN =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());

  private enum Span {
    DAY("Last 24 hours", Duration.ofDays(1)),
    WEEK("Last 7 days", Duration.ofDays(7)),
    MONTH("Last 30 days", Duration.ofDays(30)),
    ALL("Everything", null);

    final String label;
    final Duration length;

    Span(String label, Duration length) {
      this.label = label;
      this.length = length;
    }

    @Override
    public String toString() {
      return label;
    }
  }

  private AlertHistoryDialog() {}

  public static void show(Window owner, FleetActions actions) {
    Dialog<Void> dialog = WindowFit.tool(new Dialog<>());
    dialog.initOwner(owner);
    dialog.setTitle("Alert history");
    dialog.getDialogPane().setId("alert-history-dialog");
    dialog.getDialogPane().getButtonTypes().add(ButtonType.CLOSE);

    ChoiceBox<Span> span = new ChoiceBox<>();
    span.getItems().setAll(Span.values());
    span.setValue(Span.WEEK);
    ChoiceBox<AlertFeed.Shown> severity = new ChoiceBox<>();
    severity.getItems().setAll(AlertFeed.Shown.values());
    severity.setValue(AlertFeed.Shown.ALL);
    TextField agent = new TextField();
    agent.setPromptText("Agent or rule");
    agent.setPrefColumnCount(16);
    Button search = new Button("Search");
    search.setDefaultButton(true);
    Button export = new Button("Export CSV…");
    export.setId("alert-history-export");
    Label count = new Label();
    count.setId("alert-history-count");
    Region spacer = new Region();
    HBox.setHgrow(spacer, Priority.ALWAYS);
    // A long count is cut, never the controls beside it.
    for (Region control : List.of(span, severity, agent, search, export)) {
      control.setMinWidth(Region.USE_PREF_SIZE);
    }
    count.setMinWidth(0);
    HBox bar = new HBox(8, span, severity, agent, search, spacer, count, export);
    bar.setAlignment(Pos.CENTER_LEFT);

    TableView<AlertEvent> table = table();
    // An export's outcome gets a line of its own: a failed transfer's sentence is long.
    Label outcome = new Label();
    outcome.setId("alert-history-outcome");
    outcome.setWrapText(true);
    outcome.setVisible(false);
    outcome.managedProperty().bind(outcome.visibleProperty());
    VBox content = new VBox(8, bar, outcome, table);
    VBox.setVgrow(table, Priority.ALWAYS);
    content.setPadding(new Insets(4));
    content.setPrefSize(980, 520);
    dialog.getDialogPane().setContent(content);

    Runnable run =
        () -> {
          Span s = span.getValue();
          long now = System.currentTimeMillis();
          AlertQuery q =
              new AlertQuery(
                  null,
                  severity.getValue() == AlertFeed.Shown.CRITICAL_ONLY
                      ? Set.of(Severity.CRITICAL)
                      : Set.of(),
                  s.length == null ? 0 : now - s.length.toMillis(),
                  Long.MAX_VALUE,
                  LIMIT);
          String needle = agent.getText().trim().toLowerCase(Locale.ROOT);
          count.setText("Searching…");
          actions
              .alertHistory(q)
              .whenComplete(
                  (rows, error) ->
                      Platform.runLater(
                          () -> {
                            if (error != null) {
                              count.setText(
                                  "Could not read the history: " + Failure.sentence(error));
                              return;
                            }
                            List<AlertEvent> shown =
                                rows.stream()
                                    .filter(
                                        e ->
                                            needle.isEmpty()
                                                || e.hostname()
                                                    .toLowerCase(Locale.ROOT)
                                                    .contains(needle)
                                                || e.alert()
                                                    .rule()
                                                    .toLowerCase(Locale.ROOT)
                                                    .contains(needle))
                                    .toList();
                            table.getItems().setAll(shown);
                            count.setText(
                                shown.size()
                                    + (shown.size() == 1 ? " alert" : " alerts")
                                    + (rows.size() == LIMIT ? " (the newest " + LIMIT + ")" : ""));
                          }));
        };
    search.setOnAction(e -> run.run());
    span.valueProperty().addListener((o, w, n) -> run.run());
    severity.valueProperty().addListener((o, w, n) -> run.run());
    export.setOnAction(
        e -> {
          FileChooser chooser = new FileChooser();
          chooser.setTitle("Export the alert history");
          chooser.setInitialFileName("vigil-alerts.csv");
          chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("CSV", "*.csv"));
          File file = chooser.showSaveDialog(dialog.getDialogPane().getScene().getWindow());
          if (file == null) {
            return;
          }
          actions
              .exportAlerts(file.toPath())
              .whenComplete(
                  (rows, error) ->
                      Platform.runLater(() -> exported(outcome, file.getName(), rows, error)));
        });
    run.run();
    dialog.show();
  }

  /** Shows what an export did, in full, on the outcome's own line. */
  static void exported(Label outcome, String fileName, Long rows, Throwable error) {
    outcome.setText(
        error != null
            ? "Could not write " + fileName + ": " + Failure.sentence(error)
            : "Wrote " + rows + (rows == 1 ? " alert to " : " alerts to ") + fileName + ".");
    outcome.setVisible(true);
  }

  private static TableView<AlertEvent> table() {
    TableView<AlertEvent> table = new TableView<>();
    table.setId("alert-history-table");
    table.getStyleClass().add(atlantafx.base.theme.Styles.DENSE);
    table.setPlaceholder(new Label("No alerts in this range."));
    table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
    TableColumn<AlertEvent, String> when = new TableColumn<>("Raised");
    when.setCellValueFactory(
        c ->
            new ReadOnlyStringWrapper(
                WHEN.format(Instant.ofEpochMilli(c.getValue().alert().raisedAtMillis()))));
    when.setPrefWidth(150);
    TableColumn<AlertEvent, Severity> severity = new TableColumn<>("Severity");
    severity.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().alert().severity()));
    TableColumn<AlertEvent, AlertState> state = new TableColumn<>("State");
    state.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().alert().state()));
    TableColumn<AlertEvent, String> host = new TableColumn<>("Agent");
    host.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().hostname()));
    host.setPrefWidth(140);
    TableColumn<AlertEvent, String> rule = new TableColumn<>("Rule");
    rule.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().alert().rule()));
    TableColumn<AlertEvent, String> via = new TableColumn<>("Via");
    via.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().channel().name()));
    via.setPrefWidth(70);
    TableColumn<AlertEvent, String> message = new TableColumn<>("Message");
    message.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().alert().message()));
    message.setPrefWidth(320);
    table.getColumns().setAll(List.of(when, severity, state, host, rule, via, message));
    dev.vigil.console.ui.controls.ColumnHeaders.neverCut(table);
    return table;
  }
}
