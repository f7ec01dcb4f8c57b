package dev.vigil.console.ui.dialogs;

import dev.vigil.console.manager.api.CommandOutcome;
import dev.vigil.console.manager.api.Confirmation;
import dev.vigil.console.ui.window.WindowFit;
import dev.vigil.protocol.tls.Fingerprint;
import java.util.Optional;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextInputDialog;
import javafx.stage.Window;

/**
 * The dialogs around agent commands: a confirmation before anything that changes machines or trust,
 * the kill prompt and the process list. Their words come from {@link Confirmation} and {@link
 * CommandOutcome#summary()}, shared with the text interface. FX thread only.
 */
public final class CommandDialogs {
  private CommandDialogs() {}

  /**
   * Asks to confirm, and waits for the answer.
   *
   * @param id the dialog pane's id, for CSS and tests: "confirm-restart"
   * @return whether the operator chose to go ahead
   */
  public static boolean confirm(Window owner, Confirmation words, String id) {
    ButtonType go = new ButtonType(words.verb(), ButtonBar.ButtonData.OK_DONE);
    Alert confirm =
        WindowFit.dialog(new Alert(Alert.AlertType.CONFIRMATION, "", go, ButtonType.CANCEL));
    confirm.initOwner(owner);
    confirm.setTitle(words.title());
    confirm.setHeaderText(words.question());
    confirm.setContentText(words.detail());
    confirm.getDialogPane().setId(id);
    return confirm.showAndWait().filter(b -> b == go).isPresent();
  }

  /** Asks which process to kill on a host; empty when cancelled or not a process id. */
  public static Optional<String> askPid(Window owner, String hostname) {
    TextInputDialog ask = WindowFit.dialog(new TextInputDialog());
    ask.initOwner(owner);
    ask.setTitle("Kill process");
    ask.setHeaderText("Kill which process on " + hostname + "?");
    ask.setContentText("Process id (see Processes…):");
    ask.getDialogPane().setId("kill-dialog");
    return ask.showAndWait().map(String::trim).filter(pid -> pid.matches("[0-9]{1,10}"));
  }

  /**
   * Asks for an agent's new key, prefilled with {@code seen} (the key its refused hello presented);
   * empty when cancelled or not a fingerprint.
   */
  public static Optional<Fingerprint> askKey(Window owner, String hostname, String seen) {
    TextInputDialog ask = new TextInputDialog(seen);
    ask.initOwner(owner);
    ask.setTitle("Re-key agent");
    ask.setHeaderText(
        "Pin a new key for "
            + hostname
            + "?\nCheck it against the key the agent logs at start on its own machine: whoever"
            + " holds this key becomes "
            + hostname
            + ".");
    ask.setContentText("New key (SHA256:…):");
    ask.getDialogPane().setId("rekey-dialog");
    return ask.showAndWait()
        .map(String::trim)
        .flatMap(
            text -> {
              try {
                return Optional.of(Fingerprint.parse(text));
              } catch (IllegalArgumentException e) {
                return Optional.empty();
              }
            });
  }

  /**
   * Shows the answer to a process list request, without waiting.
   *
   * @param error why the request could not be made, or null
   */
  public static void showProcesses(
      Window owner, String hostname, CommandOutcome outcome, Throwable error) {
    Alert dialog = WindowFit.dialog(new Alert(Alert.AlertType.INFORMATION));
    dialog.initOwner(owner);
    dialog.setTitle("Processes");
    dialog.setHeaderText("Top processes on " + hostname);
    TextArea text =
        new TextArea(
            error != null
                ? "Could not ask: " + dev.vigil.console.ui.model.Failure.sentence(error)
                : outcome.status() == CommandOutcome.Status.SUCCEEDED
                    ? outcome.detail()
                    : outcome.summary());
    text.setEditable(false);
    text.setStyle("-fx-font-family: monospace;");
    text.setPrefColumnCount(60);
    text.setPrefRowCount(18);
    dialog.getDialogPane().setContent(text);
    dialog.getDialogPane().setId("processes-dialog");
    dialog.show();
  }
}
