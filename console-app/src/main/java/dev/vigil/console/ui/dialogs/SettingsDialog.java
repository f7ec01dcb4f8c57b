package dev.vigil.console.ui.dialogs;

import dev.vigil.common.WholeNumbers;
import dev.vigil.console.ui.model.Settings;
import dev.vigil.console.ui.window.WindowFit;
import java.nio.file.Path;
import java.util.Optional;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.stage.DirectoryChooser;
import javafx.stage.Window;
import javafx.util.StringConverter;

/**
 * The Settings dialog: theme and popups take effect at once; ports and the data directory at the
 * next start (the command line still wins). Invalid entries are named and nothing is saved until
 * they are fixed. FX thread only.
 */
public final class SettingsDialog {
  private SettingsDialog() {}

  /** Shows the dialog; returns the settings when the operator saved them. */
  public static Optional<Settings> show(Window owner, Settings settings) {
    return show(owner, settings, null);
  }

  /**
   * Shows the dialog with a Notifications row whose button runs {@code notifications} (the channels
   * and Send test); returns the settings when the operator saved them.
   */
  public static Optional<Settings> show(Window owner, Settings settings, Runnable notifications) {
    Dialog<ButtonType> dialog = WindowFit.dialog(new Dialog<>());
    dialog.initOwner(owner);
    dialog.setTitle("Settings");
    dialog.setHeaderText("Vigil console settings");
    dialog.getDialogPane().setId("settings-dialog");
    ButtonType save = new ButtonType("Save", javafx.scene.control.ButtonBar.ButtonData.OK_DONE);
    dialog.getDialogPane().getButtonTypes().setAll(save, ButtonType.CANCEL);

    ChoiceBox<Settings.Theme> theme = new ChoiceBox<>();
    theme.setId("settings-theme");
    theme.getItems().setAll(Settings.Theme.values());
    theme.setValue(settings.theme());
    theme.setConverter(
        new StringConverter<>() {
          @Override
          public String toString(Settings.Theme t) {
            return t == null ? "" : t == Settings.Theme.DARK ? "Dark" : "Light";
          }

          @Override
          public Settings.Theme fromString(String text) {
            return "Dark".equals(text) ? Settings.Theme.DARK : Settings.Theme.LIGHT;
          }
        });
    ChoiceBox<Settings.Popups> popups = new ChoiceBox<>();
    popups.setId("settings-popups");
    popups.getItems().setAll(Settings.Popups.values());
    popups.setValue(settings.popups());
    TextField tcp = portField("settings-tcp", settings.port("tcp.port"));
    TextField udp = portField("settings-udp", settings.port("udp.port"));
    TextField metrics = portField("settings-metrics", settings.port("metrics.port"));
    TextField dataDir = new TextField(settings.dataDir().map(Path::toString).orElse(""));
    dataDir.setId("settings-data-dir");
    dataDir.setPromptText("default for this user");
    dataDir.setPrefColumnCount(26);
    Button browse = new Button("Choose…");
    browse.setOnAction(
        e -> {
          DirectoryChooser chooser = new DirectoryChooser();
          chooser.setTitle("The console's data directory");
          java.io.File dir = chooser.showDialog(dialog.getDialogPane().getScene().getWindow());
          if (dir != null) {
            dataDir.setText(dir.getPath());
          }
        });
    HBox dataRow = new HBox(6, dataDir, browse);
    HBox.setHgrow(dataDir, Priority.ALWAYS);
    Label problem = new Label();
    problem.setId("settings-problem");
    problem.getStyleClass().add("settings-problem");
    problem.setWrapText(true);
    Label note =
        new Label(
            "Ports and the data directory are used from the next start; options on the command"
                + " line take precedence."
                + settings.file().map(f -> " Saved in " + f + ".").orElse(""));
    note.setWrapText(true);
    note.setMaxWidth(460);
    note.getStyleClass().add("detail-subtitle");

    GridPane grid = new GridPane();
    grid.setHgap(10);
    grid.setVgap(8);
    grid.setPadding(new Insets(10));
    // Labels keep their full width; the fields take what is left.
    ColumnConstraints labels = new ColumnConstraints();
    labels.setMinWidth(Region.USE_PREF_SIZE);
    ColumnConstraints fields = new ColumnConstraints();
    fields.setHgrow(Priority.ALWAYS);
    grid.getColumnConstraints().setAll(labels, fields);
    grid.addRow(0, new Label("Theme"), theme);
    grid.addRow(1, new Label("Popups"), popups);
    grid.addRow(2, new Label("Agent TCP port"), tcp);
    grid.addRow(3, new Label("Alert UDP port"), udp);
    grid.addRow(4, new Label("Metrics port"), metrics);
    grid.addRow(5, new Label("Data directory"), dataRow);
    if (notifications != null) {
      Button channels = new Button("Channels and Send test…");
      channels.setId("settings-notifications");
      channels.setOnAction(e -> notifications.run());
      grid.addRow(6, new Label("Notifications"), channels);
    }
    grid.add(note, 0, 7, 2, 1);
    grid.add(problem, 0, 8, 2, 1);
    dialog.getDialogPane().setContent(grid);

    Button saveButton = (Button) dialog.getDialogPane().lookupButton(save);
    saveButton.addEventFilter(
        javafx.event.ActionEvent.ACTION,
        e -> {
          String error =
              check("Agent TCP port", tcp.getText(), false)
                  .or(() -> check("Alert UDP port", udp.getText(), false))
                  .or(() -> check("Metrics port", metrics.getText(), true))
                  .orElse(null);
          if (error == null && !dataDir.getText().isBlank()) {
            try {
              Path.of(dataDir.getText().trim());
            } catch (java.nio.file.InvalidPathException ex) {
              error = "The data directory is not a valid path: " + ex.getReason() + ".";
            }
          }
          if (error != null) {
            problem.setText(error);
            e.consume(); // keep the dialog open
          }
        });
    Optional<ButtonType> answer = dialog.showAndWait();
    if (answer.isEmpty() || answer.get() != save) {
      return Optional.empty();
    }
    settings.setTheme(theme.getValue());
    settings.setPopups(popups.getValue());
    settings.setPort("tcp.port", parse(tcp.getText()));
    settings.setPort("udp.port", parse(udp.getText()));
    settings.setPort("metrics.port", parse(metrics.getText()));
    settings.setDataDir(dataDir.getText().isBlank() ? null : Path.of(dataDir.getText().trim()));
    return Optional.of(settings);
  }

  private static TextField portField(String id, Optional<Integer> value) {
    TextField f = new TextField(value.map(String::valueOf).orElse(""));
    f.setId(id);
    f.setPromptText("default");
    f.setPrefColumnCount(8);
    return f;
  }

  /** A sentence naming the field when its text is not a port, or empty when it is fine. */
  static Optional<String> check(String field, String text, boolean offAllowed) {
    String t = text == null ? "" : text.trim();
    if (t.isEmpty()) {
      return Optional.empty();
    }
    if (WholeNumbers.isWhole(t) && t.length() <= 5) {
      int port = Integer.parseInt(t);
      if (port >= (offAllowed ? -1 : 0) && port <= 65535) {
        return Optional.empty();
      }
    }
    return Optional.of(
        field
            + " must be a number from 0 to 65535"
            + (offAllowed ? " (or -1 for off)" : "")
            + ", or empty for the default; '"
            + t
            + "' is not.");
  }

  private static Integer parse(String text) {
    return text == null || text.isBlank() ? null : Integer.valueOf(text.trim());
  }
}
