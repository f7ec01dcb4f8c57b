package dev.vigil.console.ui.dialogs;

import dev.vigil.console.manager.api.ManagerLink;
import dev.vigil.console.manager.api.ManagerLinks;
import dev.vigil.console.ui.window.WindowFit;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/**
 * "Connect to manager…": attaches the window to one more manager by its operator channel's {@code
 * host:port}, with its key fingerprint and an operator token the first time. The attach runs off
 * the FX thread; a refusal or failure shows as the manager's or the network's sentence, and the
 * dialog stays open to correct it.
 */
public final class ConnectManagerDialog {
  private ConnectManagerDialog() {}

  /**
   * Shows the dialog.
   *
   * @param attached called on the FX thread with the manager once the window holds it
   */
  public static void show(Window owner, ManagerLinks links, Consumer<ManagerLink> attached) {
    Dialog<Void> dialog = WindowFit.dialog(new Dialog<>());
    dialog.initOwner(owner);
    dialog.setTitle("Connect to manager");
    dialog.setHeaderText("Attach this window to one more Vigil manager");
    dialog.getDialogPane().setId("connect-manager-dialog");
    dialog.getDialogPane().getButtonTypes().add(ButtonType.CLOSE);

    TextField address = new TextField();
    address.setId("manager-address");
    address.setPromptText("host:port of its operator channel, e.g. vigil.example.com:7472");
    address.setPrefColumnCount(32);
    TextField fingerprint = new TextField();
    fingerprint.setId("manager-fingerprint");
    fingerprint.setPromptText("SHA256:… (the manager prints it at start; only the first time)");
    PasswordField token = new PasswordField();
    token.setId("manager-token");
    token.setPromptText("operator token from its admin (only the first time)");
    Label outcome = new Label();
    outcome.setId("connect-outcome");
    outcome.setWrapText(true);
    outcome.setMaxWidth(560);
    Button connect = new Button("Connect");
    connect.setId("connect-manager");
    connect.setDefaultButton(true);
    connect.setOnAction(
        e -> {
          if (address.getText().isBlank()) {
            outcome.setText("Give the manager's host:port first.");
            return;
          }
          connect.setDisable(true);
          outcome.setText("Attaching to " + address.getText().strip() + "…");
          String where = address.getText();
          String key = fingerprint.getText();
          String secret = token.getText();
          Thread.ofVirtual()
              .name("vigil-connect-manager")
              .start(
                  () -> {
                    String sentence;
                    ManagerLink link = null;
                    try {
                      link = links.connect(where, secret, key);
                      sentence = null;
                    } catch (IllegalArgumentException bad) {
                      sentence = bad.getMessage();
                    } catch (java.io.IOException | RuntimeException failed) {
                      sentence = failed.getMessage();
                    }
                    ManagerLink done = link;
                    String why = sentence;
                    Platform.runLater(
                        () -> {
                          connect.setDisable(false);
                          if (done == null) {
                            outcome.setText(why);
                            return;
                          }
                          attached.accept(done);
                          dialog.close();
                        });
                  });
        });

    GridPane fields = new GridPane();
    fields.setHgap(8);
    fields.setVgap(6);
    fields.addRow(0, new Label("Manager"), address);
    fields.addRow(1, new Label("Key fingerprint"), fingerprint);
    fields.addRow(2, new Label("Operator token"), token);
    Label hint =
        new Label(
            "The window remembers the managers it holds and attaches to them again at the next"
                + " start. Its own key and the managers' keys are in its data directory.");
    hint.setWrapText(true);
    hint.setMaxWidth(560);
    VBox content = new VBox(10, fields, connect, outcome, hint);
    content.setPadding(new Insets(10, 12, 0, 12));
    dialog.getDialogPane().setContent(content);
    dialog.setOnShown(e -> address.requestFocus());
    dialog.show();
  }
}
