package dev.vigil.console.ui.dialogs;

import dev.vigil.console.ui.model.FleetActions;
import dev.vigil.console.ui.window.WindowFit;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.stage.Window;

/** The Settings → Notifications dialog around a {@link NotificationsPane}. FX thread only. */
public final class NotificationsDialog {
  private NotificationsDialog() {}

  /** Shows the channels and waits until the operator closes the dialog. */
  public static void show(Window owner, FleetActions actions) {
    Dialog<ButtonType> dialog = WindowFit.dialog(new Dialog<>());
    dialog.initOwner(owner);
    dialog.setTitle("Notifications");
    dialog.setHeaderText("Where problems are told, and whether it works");
    dialog.getDialogPane().setContent(new NotificationsPane(actions).node());
    dialog.getDialogPane().getButtonTypes().add(ButtonType.CLOSE);
    dialog.getDialogPane().setPrefWidth(860);
    dialog.showAndWait();
  }
}
