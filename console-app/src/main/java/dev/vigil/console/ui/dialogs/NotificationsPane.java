package dev.vigil.console.ui.dialogs;

import dev.vigil.console.manager.api.NotificationChannel;
import dev.vigil.console.manager.api.NotificationTest;
import dev.vigil.console.manager.api.Role;
import dev.vigil.console.ui.model.FleetActions;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.CompletionException;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * Settings → Notifications: the manager's notification channels (their targets with secrets masked,
 * last delivery, messages waiting, last error) and Send test for the selected one. Reads and sends
 * off the FX thread; FX thread only.
 */
public final class NotificationsPane {
  private static final DateTimeFormatter WHEN =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());

  private final FleetActions actions;
  private final TableView<NotificationChannel> table = new TableView<>();
  private final Label outcome = new Label();
  private final Label details = new Label();
  private final Button test = new Button("Send test");
  private final VBox root;

  public NotificationsPane(FleetActions actions) {
    this.actions = actions;
    table.setId("notification-channels");
    table.setPlaceholder(
        new Label(
            "No notification channels: see docs/notifications.md (--webhook URL, or --notifications FILE)."));
    table.getColumns().add(column("Channel", NotificationChannel::name));
    table.getColumns().add(column("Type", NotificationChannel::type));
    table.getColumns().add(column("Target", NotificationChannel::target));
    table.getColumns().add(column("Last delivery", c -> when(c.lastDeliveredMillis())));
    table.getColumns().add(column("Waiting", c -> String.valueOf(c.pending())));
    table.getColumns().add(column("Last error", NotificationChannel::lastError));
    table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
    test.setId("send-test-notification");
    boolean admin = actions.role() == Role.ADMIN;
    test.disableProperty()
        .bind(
            table
                .getSelectionModel()
                .selectedItemProperty()
                .isNull()
                .or(new javafx.beans.property.SimpleBooleanProperty(!admin)));
    test.setOnAction(e -> sendTest());
    Button refresh = new Button("Refresh");
    refresh.setOnAction(e -> refresh());
    outcome.setId("notification-outcome");
    outcome.setWrapText(true);
    details.setId("notification-details");
    details.setWrapText(true);
    table
        .getSelectionModel()
        .selectedItemProperty()
        .addListener((o, was, now) -> details.setText(now == null ? "" : describe(now)));
    HBox buttons = new HBox(8, test, refresh);
    if (!admin) {
      buttons.getChildren().add(new Label("Send test needs the admin role."));
    }
    Label where =
        new Label(
            "Channels and routes are set in notifications.conf in the manager's data directory,"
                + " or the file given with --notifications (docs/notifications.md); a change takes"
                + " effect at the manager's next start.");
    where.setWrapText(true);
    where.getStyleClass().add("hint");
    // Wrapped lines keep their height: the table, not the words, gives way in a small dialog.
    for (Label l : List.of(details, outcome, where)) {
      l.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
    }
    root = new VBox(8, table, details, buttons, outcome, where);
    root.setPadding(new Insets(10));
    VBox.setVgrow(table, Priority.ALWAYS);
    refresh();
  }

  /** The pane's node. */
  public VBox node() {
    return root;
  }

  /** Reads the channels again. */
  public void refresh() {
    actions
        .notificationChannels()
        .whenComplete(
            (channels, error) ->
                Platform.runLater(
                    () -> {
                      if (error != null) {
                        outcome.setText("Cannot read the channels: " + cause(error).getMessage());
                        return;
                      }
                      show(channels);
                    }));
  }

  /** The selected channel in full: what the table's columns may cut. */
  private static String describe(NotificationChannel c) {
    StringBuilder text = new StringBuilder(c.name()).append(": ").append(c.target());
    text.append(
        c.routes().isEmpty()
            ? "\nNo route sends to it."
            : "\nTold by " + String.join("; ", c.routes()) + ".");
    if (!c.lastError().isEmpty()) {
      text.append("\nLast error: ").append(c.lastError());
    }
    return text.toString();
  }

  private void show(List<NotificationChannel> channels) {
    String selected =
        table.getSelectionModel().getSelectedItem() == null
            ? null
            : table.getSelectionModel().getSelectedItem().name();
    table.getItems().setAll(channels);
    channels.stream()
        .filter(c -> c.name().equals(selected))
        .findFirst()
        .ifPresent(
            c -> {
              table.getSelectionModel().select(c);
              details.setText(describe(c));
            });
  }

  private void sendTest() {
    NotificationChannel c = table.getSelectionModel().getSelectedItem();
    outcome.setText("Sending a test message to " + c.name() + "…");
    actions
        .sendTestNotification(c.name())
        .whenComplete(
            (NotificationTest done, Throwable error) ->
                Platform.runLater(
                    () -> {
                      outcome.setText(
                          error != null
                              ? cause(error).getMessage()
                              : capitalised(done.sentence()) + ".");
                      refresh();
                    }));
  }

  private static Throwable cause(Throwable t) {
    return t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
  }

  private static String capitalised(String s) {
    return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }

  private static String when(long millis) {
    return millis == 0 ? "never" : WHEN.format(Instant.ofEpochMilli(millis));
  }

  private static TableColumn<NotificationChannel, String> column(
      String title, java.util.function.Function<NotificationChannel, String> value) {
    TableColumn<NotificationChannel, String> c = new TableColumn<>(title);
    c.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(value.apply(cell.getValue())));
    return c;
  }
}
