package dev.vigil.console.ui.dialogs;

import dev.vigil.console.ui.model.FleetActions;
import dev.vigil.console.ui.window.WindowFit;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.stage.Window;

/** The Vigil → Operators… dialog around an {@link OperatorsPane}. FX thread only. */
public final class OperatorsDialog {
  private OperatorsDialog() {}

  /** Shows the operators and waits until the admin closes the dialog. */
  public static void show(Window owner, FleetActions actions) {
    Dialog<ButtonType> dialog = WindowFit.dialog(new Dialog<>());
    dialog.initOwner(owner);
    dialog.setTitle("Operators");
    // A window holding several managers manages the first one's operators, as it names.
    String manager =
        actions
            .managers()
            .filter(m -> m.links().size() > 1)
            .map(m -> m.links().get(0).name())
            .orElse("this manager");
    dialog.setHeaderText("Who may attach a console to " + manager + ", and as what");
    dialog.getDialogPane().setId("operators-dialog");
    dialog.getDialogPane().setContent(new OperatorsPane(actions).node());
    dialog.getDialogPane().getButtonTypes().add(ButtonType.CLOSE);
    dialog.getDialogPane().setPrefWidth(960);
    dialog.showAndWait();
  }
}
