package dev.vigil.console.ui.dialogs;

import dev.vigil.console.ui.model.FleetActions;
import dev.vigil.console.ui.window.WindowFit;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.stage.Window;

/** The About box: what Vigil is, its version, protocol and runtime, and the console's key. */
public final class AboutDialog {
  private AboutDialog() {}

  public static void show(Window owner, FleetActions actions) {
    Alert about = WindowFit.dialog(new Alert(Alert.AlertType.INFORMATION, "", ButtonType.CLOSE));
    about.initOwner(owner);
    about.setTitle("About Vigil");
    about.setHeaderText("Vigil Console " + actions.version());
    about.setContentText(
        "Fleet monitoring and control: agents report over TLS and alert over authenticated UDP;"
            + " commands run only where an agent's own config allows them.\n\n"
            + "Protocol "
            + dev.vigil.protocol.Protocol.VERSION
            + " · Java "
            + System.getProperty("java.version")
            + " · JavaFX "
            + System.getProperty("javafx.runtime.version", "?")
            + "\n\nConsole key "
            + actions.consoleFingerprint()
            + "\n\nMIT licence. Built with JavaFX, ControlsFX, AtlantaFX, OSHI, Gson,"
            + " BouncyCastle, SQLite and the Prometheus Java client.");
    about.getDialogPane().setId("about-dialog");
    about.getDialogPane().setPrefWidth(520);
    about.show();
  }
}
