package dev.vigil.console.ui.alerts;

import dev.vigil.console.ui.model.AlertEntry;
import dev.vigil.console.ui.model.FleetActions;
import dev.vigil.console.ui.model.FleetModel;
import dev.vigil.protocol.message.AlertState;
import dev.vigil.protocol.message.Severity;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.transformation.FilteredList;
import javafx.css.PseudoClass;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;

/**
 * The alert feed: one line per problem (an agent's rule from first alert to resolution), updated in
 * place, newest first, with badges for who acknowledged or snoozed it and until when; resolved
 * problems leave the view unless asked for. A double-click selects the agent.
 */
public final class AlertFeed {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());
  private static final PseudoClass CRITICAL = PseudoClass.getPseudoClass("critical");
  private static final PseudoClass RESOLVED = PseudoClass.getPseudoClass("resolved");
  private static final PseudoClass ACKNOWLEDGED = PseudoClass.getPseudoClass("acknowledged");
  private static final PseudoClass SNOOZED = PseudoClass.getPseudoClass("snoozed");

  /** Which severities the feed shows. */
  public enum Shown {
    ALL("All severities"),
    CRITICAL_ONLY("Critical only");

    private final String label;

    Shown(String label) {
      this.label = label;
    }

    @Override
    public String toString() {
      return label;
    }
  }

  private final TableView<AlertEntry> table = new TableView<>();
  private final FilteredList<AlertEntry> filtered;
  private final ChoiceBox<Shown> severityFilter = new ChoiceBox<>();
  private final javafx.scene.control.CheckBox showResolved =
      new javafx.scene.control.CheckBox("Show resolved");
  private final TextField agentFilter = dev.vigil.console.ui.controls.ClearableField.create();
  private final HBox header;

  public AlertFeed(FleetModel model, FleetActions actions, Consumer<String> selectAgent) {
    table.setId("alert-feed");
    table.getStylesheets().add(AlertFeed.class.getResource("alerts.css").toExternalForm());
    table.getStyleClass().add(atlantafx.base.theme.Styles.DENSE);
    filtered = new FilteredList<>(model.alerts(), AlertEntry::active);
    table.setItems(filtered);
    table.setPlaceholder(new javafx.scene.control.Label("No problems firing."));
    severityFilter.getItems().setAll(Shown.values());
    severityFilter.setValue(Shown.ALL);
    severityFilter.setId("alert-severity-filter");
    agentFilter.setId("alert-agent-filter");
    agentFilter.setPromptText("Filter by agent or rule");
    agentFilter.setPrefColumnCount(18);
    severityFilter.valueProperty().addListener((o, w, n) -> refilter());
    agentFilter.textProperty().addListener((o, w, n) -> refilter());
    showResolved.setId("alert-show-resolved");
    showResolved.selectedProperty().addListener((o, w, n) -> refilter());
    Label title = new Label("Alerts");
    title.getStyleClass().add("section-title");
    Button history = new Button("History…");
    history.setId("alert-history");
    history.setOnAction(e -> AlertHistoryDialog.show(table.getScene().getWindow(), actions));
    Region spacer = new Region();
    HBox.setHgrow(spacer, Priority.ALWAYS);
    header = new HBox(8, title, severityFilter, agentFilter, showResolved, spacer, history);
    header.setAlignment(Pos.CENTER_LEFT);
    header.setPadding(new Insets(2, 8, 2, 0));
    table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);

    TableColumn<AlertEntry, String> time = new TableColumn<>("Since");
    time.setCellValueFactory(
        c ->
            new ReadOnlyStringWrapper(
                TIME.format(Instant.ofEpochMilli(c.getValue().sinceMillis()))));
    time.setPrefWidth(80);
    TableColumn<AlertEntry, Severity> severity = new TableColumn<>("Severity");
    severity.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().severity()));
    severity.setPrefWidth(85);
    TableColumn<AlertEntry, AlertState> state = new TableColumn<>("State");
    state.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().state()));
    state.setPrefWidth(85);
    TableColumn<AlertEntry, String> host = new TableColumn<>("Agent");
    host.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().hostname()));
    host.setPrefWidth(140);
    TableColumn<AlertEntry, String> rule = new TableColumn<>("Rule");
    rule.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().rule()));
    rule.setPrefWidth(130); // the console's own rules: "agent.offline", "console.audit_broken"
    TableColumn<AlertEntry, String> value = new TableColumn<>("Value");
    value.setCellValueFactory(
        c -> new ReadOnlyStringWrapper(String.format("%.1f", c.getValue().value())));
    value.setPrefWidth(60);
    TableColumn<AlertEntry, String> message = new TableColumn<>("Message");
    message.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().message()));
    message.setPrefWidth(300);
    TableColumn<AlertEntry, AlertEntry> ack = new TableColumn<>("Handled");
    ack.setId("alert-badges");
    ack.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue()));
    ack.setCellFactory(c -> new BadgeCell());
    ack.setPrefWidth(220);
    table
        .getColumns()
        .addAll(java.util.List.of(time, severity, state, host, rule, value, ack, message));
    dev.vigil.console.ui.controls.ColumnHeaders.neverCut(table);

    table.setRowFactory(
        t -> {
          TableRow<AlertEntry> row =
              new TableRow<>() {
                @Override
                protected void updateItem(AlertEntry item, boolean empty) {
                  super.updateItem(item, empty);
                  boolean live = !empty && item != null;
                  pseudoClassStateChanged(
                      CRITICAL,
                      live
                          && item.severity() == Severity.CRITICAL
                          && item.state() == AlertState.FIRING);
                  pseudoClassStateChanged(RESOLVED, live && item.state() == AlertState.RESOLVED);
                  pseudoClassStateChanged(ACKNOWLEDGED, live && !item.acknowledgedBy().isEmpty());
                  pseudoClassStateChanged(
                      SNOOZED, live && item.snoozedAt(System.currentTimeMillis()));
                }
              };
          MenuItem acknowledge = new MenuItem("Acknowledge");
          acknowledge.setId("ack-item");
          acknowledge.setOnAction(
              e -> {
                AlertEntry entry = row.getItem();
                actions
                    .acknowledge(entry.id(), "")
                    .thenAccept(
                        who ->
                            javafx.application.Platform.runLater(
                                () -> {
                                  if (!who.isEmpty()) {
                                    model.markAcknowledged(entry.id(), who);
                                  }
                                }));
              });
          MenuItem snooze = new MenuItem("Snooze this rule on this agent for 1 hour");
          snooze.setId("snooze-item");
          snooze.setOnAction(
              e ->
                  actions.snooze(
                      row.getItem().agentId(),
                      row.getItem().rule(),
                      java.time.Duration.ofHours(1)));
          if (!actions.role().includes(dev.vigil.console.manager.api.Role.OPERATOR)) {
            // A viewer's acknowledgement is refused by the manager: say so before, not after.
            for (MenuItem item : java.util.List.of(acknowledge, snooze)) {
              item.setText(item.getText() + " (needs the operator role)");
              item.setDisable(true);
            }
          }
          ContextMenu menu = new ContextMenu(acknowledge, snooze);
          row.contextMenuProperty()
              .bind(
                  javafx.beans.binding.Bindings.when(row.emptyProperty())
                      .then((ContextMenu) null)
                      .otherwise(menu));
          row.setOnMouseClicked(
              e -> {
                if (e.getClickCount() == 2 && !row.isEmpty()) {
                  selectAgent.accept(row.getItem().agentId());
                }
              });
          return row;
        });
  }

  public TableView<AlertEntry> view() {
    return table;
  }

  /** The feed's title with its filters and the History… button. */
  public HBox header() {
    return header;
  }

  /** Shows only problems matching the severity choice and the agent/rule text. */
  public void filter(Shown shown, String text) {
    severityFilter.setValue(shown);
    agentFilter.setText(text);
  }

  private void refilter() {
    Shown shown = severityFilter.getValue();
    String text = agentFilter.getText() == null ? "" : agentFilter.getText().trim();
    String needle = text.toLowerCase(java.util.Locale.ROOT);
    boolean resolvedToo = showResolved.isSelected();
    filtered.setPredicate(
        e ->
            (resolvedToo || e.active())
                && (shown != Shown.CRITICAL_ONLY || e.severity() == Severity.CRITICAL)
                && (needle.isEmpty()
                    || e.hostname().toLowerCase(java.util.Locale.ROOT).contains(needle)
                    || e.agentId().startsWith(needle)
                    || e.rule().toLowerCase(java.util.Locale.ROOT).contains(needle)));
  }
}
