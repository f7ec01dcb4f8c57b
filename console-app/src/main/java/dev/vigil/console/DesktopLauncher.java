package dev.vigil.console;

import dev.vigil.console.manager.api.Operator;
import dev.vigil.console.manager.api.OperatorApi;
import dev.vigil.console.service.ListenerLines;
import dev.vigil.console.ui.ConsoleWindow;
import dev.vigil.console.ui.model.FleetModel;
import dev.vigil.console.ui.model.Settings;
import dev.vigil.console.ui.window.WindowFit;
import java.util.concurrent.CountDownLatch;
import javafx.application.Platform;
import javafx.scene.control.Alert;
import javafx.stage.Stage;
import javafx.stage.WindowEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the JavaFX toolkit, shows the console window over a running manager, and waits for it to
 * close.
 */
final class DesktopLauncher {
  private static final Logger LOG = LoggerFactory.getLogger(DesktopLauncher.class);

  private DesktopLauncher() {}

  static void run(OperatorApi manager, Settings settings) throws InterruptedException {
    run(
        manager,
        settings,
        "TCP "
            + ListenerLines.format(manager.info().agentListener())
            + "  ·  UDP "
            + ListenerLines.format(manager.info().alertListener()));
  }

  /**
   * Shows the window over {@code manager}, its status bar naming {@code listeners} (an attached
   * console names the manager it is attached to and the operator's role there).
   */
  static void run(OperatorApi manager, Settings settings, String listeners)
      throws InterruptedException {
    FleetModel model = new FleetModel();
    manager.subscribe(model);
    manager.agents().forEach(model::agentChanged);
    model.remember(manager.problems());
    CountDownLatch closed = new CountDownLatch(1);
    try {
      Platform.startup(
          () -> {
            Thread.currentThread().setUncaughtExceptionHandler(DesktopLauncher::showError);
            Stage stage = new Stage();
            ConsoleWindow window =
                new ConsoleWindow(
                    model, new ManagerActions(manager, Operator.local()), listeners, settings);
            stage.addEventHandler(WindowEvent.WINDOW_HIDDEN, e -> closed.countDown());
            window.show(stage);
          });
    } catch (UnsupportedOperationException | IllegalStateException e) {
      throw new IllegalStateException(
          "cannot open a window here ("
              + e.getMessage()
              + "); run with --headless on machines without a display",
          e);
    }
    closed.await();
    Platform.exit();
  }

  private static void showError(Thread thread, Throwable error) {
    LOG.error("Unexpected error in the console window", error);
    Alert alert = WindowFit.dialog(new Alert(Alert.AlertType.ERROR));
    alert.setTitle("Vigil Console");
    alert.setHeaderText("Something went wrong in the console window.");
    alert.setContentText(
        error.getClass().getSimpleName()
            + ": "
            + error.getMessage()
            + "\nThe console keeps running; the log has the details.");
    alert.show();
  }
}
