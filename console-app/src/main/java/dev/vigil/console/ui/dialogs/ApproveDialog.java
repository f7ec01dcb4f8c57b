package dev.vigil.console.ui.dialogs;

import dev.vigil.console.manager.api.FingerprintCheck;
import javafx.beans.binding.Bindings;
import javafx.scene.Node;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/**
 * The question before an agent is let in: its key fingerprint first and large, where to compare it,
 * and a field for the fingerprint's last characters; Approve stays disabled until they match. FX
 * thread only.
 */
public final class ApproveDialog {
  private ApproveDialog() {}

  /**
   * Asks, and waits for the answer.
   *
   * @param fingerprint the key the agent presents, as the console holds it
   * @return whether the operator typed the fingerprint's tail and chose Approve
   */
  public static boolean confirm(Window owner, String hostname, String address, String fingerprint) {
    ButtonType approve = new ButtonType("Approve", ButtonBar.ButtonData.OK_DONE);
    Dialog<ButtonType> dialog = new Dialog<>();
    dialog.initOwner(owner);
    dialog.setTitle("Approve agent");
    dialog.setHeaderText("Approve " + hostname + " (" + address + ")?");
    dialog.getDialogPane().setId("confirm-approve");
    dialog.getDialogPane().getButtonTypes().setAll(approve, ButtonType.CANCEL);

    Label key = new Label(fingerprint);
    key.setId("approve-fingerprint");
    key.setStyle("-fx-font-family: monospace; -fx-font-size: 1.4em; -fx-font-weight: bold;");
    key.setWrapText(true);
    Label where = new Label(FingerprintCheck.WHERE);
    where.setWrapText(true);
    TextField typed = new TextField();
    typed.setId("approve-last-characters");
    typed.setPromptText("last " + FingerprintCheck.TYPED + " characters");
    typed.setPrefColumnCount(8);
    Label ask =
        new Label(
            "Type the fingerprint's last " + FingerprintCheck.TYPED + " characters to approve it:");
    ask.setLabelFor(typed);
    VBox content = new VBox(8, new Label("Key fingerprint"), key, where, ask, typed);
    content.setPrefWidth(520);
    dialog.getDialogPane().setContent(content);

    Node approveButton = dialog.getDialogPane().lookupButton(approve);
    approveButton
        .disableProperty()
        .bind(
            Bindings.createBooleanBinding(
                () -> !FingerprintCheck.typedTail(fingerprint, typed.getText()),
                typed.textProperty()));
    dialog.setOnShown(e -> typed.requestFocus());
    return dialog.showAndWait().filter(b -> b == approve).isPresent();
  }
}
