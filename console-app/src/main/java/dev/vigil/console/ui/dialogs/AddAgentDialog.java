package dev.vigil.console.ui.dialogs;

import dev.vigil.console.manager.api.Enrollment;
import dev.vigil.console.ui.model.Failure;
import dev.vigil.console.ui.model.FleetActions;
import dev.vigil.console.ui.window.WindowFit;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextArea;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/**
 * "Add agent…": makes an enrollment token and shows the one line to paste on the new machine, with
 * a copy button. Agents started without a token appear as pending in the table instead.
 */
public final class AddAgentDialog {
  private static final DateTimeFormatter WHEN =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.systemDefault());

  private AddAgentDialog() {}

  public static void show(Window owner, FleetActions actions) {
    Dialog<Void> dialog = WindowFit.dialog(new Dialog<>());
    dialog.initOwner(owner);
    dialog.setTitle("Add agent");
    dialog.setHeaderText("Enroll the agent on a new machine");
    dialog.getDialogPane().setId("add-agent-dialog");
    dialog.getDialogPane().getButtonTypes().add(ButtonType.CLOSE);

    Spinner<Integer> uses = new Spinner<>(1, 10_000, 1);
    uses.setEditable(true);
    uses.setPrefWidth(90);
    Spinner<Integer> hours = new Spinner<>(1, 24 * 30, 24);
    hours.setEditable(true);
    hours.setPrefWidth(90);
    TextArea command = new TextArea();
    command.setId("enrollment-command");
    command.setEditable(false);
    command.setWrapText(true);
    command.setPrefRowCount(3);
    command.setPrefColumnCount(60);
    TextArea config = new TextArea();
    config.setId("enrollment-config");
    config.setEditable(false);
    config.setPrefRowCount(4);
    config.setPrefColumnCount(60);
    Tab serviceTab =
        new Tab(
            "Installed agent (.deb or tarball)",
            new VBox(
                6,
                new Label(
                    "Put these lines in /etc/vigil/agent.conf, then: sudo systemctl enable --now"
                        + " vigil-agent"),
                config));
    Tab commandTab =
        new Tab(
            "Command line",
            new VBox(6, new Label("Run this in a Vigil checkout on the new machine:"), command));
    TabPane ways = new TabPane(serviceTab, commandTab);
    ways.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
    ways.setId("enrollment-ways");
    Label validity = new Label();
    Button copy = new Button("Copy");
    copy.setId("copy-enrollment");
    copy.setDisable(true);
    copy.setOnAction(
        e -> {
          ClipboardContent content = new ClipboardContent();
          content.putString(
              ways.getSelectionModel().getSelectedItem() == serviceTab
                  ? config.getText()
                  : command.getText());
          Clipboard.getSystemClipboard().setContent(content);
          copy.setText("Copied");
        });
    Button create = new Button("New token");
    create.setId("new-token");
    Runnable make =
        () -> {
          create.setDisable(true);
          actions
              .enroll(Duration.ofHours(hours.getValue()), uses.getValue())
              .whenComplete(
                  (enrollment, error) ->
                      Platform.runLater(
                          () -> {
                            create.setDisable(false);
                            if (error != null) {
                              command.setText("Could not make a token: " + Failure.sentence(error));
                              return;
                            }
                            show(enrollment, command, config, validity, copy);
                          }));
        };
    create.setOnAction(e -> make.run());

    GridPane options = new GridPane();
    options.setHgap(8);
    options.setVgap(6);
    options.addRow(
        0, new Label("Agents it admits"), uses, new Label("Valid for (hours)"), hours, create);
    Label hint =
        new Label(
            "Console key: "
                + actions.consoleFingerprint()
                + "\n"
                + "Agents started without a token (but with --console-fingerprint and this key)"
                + " appear as Pending in the table: compare their key with the one in the agent's"
                + " log, then right-click → Approve.");
    hint.setWrapText(true);
    hint.setMaxWidth(620);
    VBox content = new VBox(10, options, ways, new HBox(10, copy, validity), hint);
    content.setPadding(new Insets(10, 12, 0, 12)); // lined up with the header's text
    dialog.getDialogPane().setContent(content);
    make.run();
    dialog.show();
  }

  private static void show(
      Enrollment e, TextArea command, TextArea config, Label validity, Button copy) {
    command.setText(e.command());
    config.setText(e.configLines());
    validity.setText(
        (e.uses() == 1 ? "Single use" : "Admits " + e.uses() + " agents")
            + ", valid until "
            + WHEN.format(e.expiresAt()));
    copy.setText("Copy");
    copy.setDisable(false);
  }
}
