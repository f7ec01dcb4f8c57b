package dev.vigil.console.ui.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.console.manager.api.Role;
import dev.vigil.console.ui.StandInActions;
import dev.vigil.console.ui.window.CutLabels;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.Parent;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The alert history's export outcome: a failed transfer's long sentence (seen by hand under Xvfb
 * squeezing the bar to "S…" and "Export …") is shown whole on a line of its own, in the manager's
 * or the file's words, and cuts nothing.
 */
@ExtendWith(ApplicationExtension.class)
class AlertHistoryBarTest {
  private Stage stage;

  @Start
  void start(Stage stage) {
    this.stage = stage;
    stage.setScene(new javafx.scene.Scene(new javafx.scene.layout.StackPane(), 400, 300));
    stage.show();
  }

  @Test
  void aFailedExportsSentenceIsShownWholeAndCutsNothing(FxRobot robot) throws Exception {
    List<String> calls = new ArrayList<>();
    robot.interact(
        () ->
            AlertHistoryDialog.show(
                stage, StandInActions.recording(calls, Role.VIEWER, () -> false)));
    Parent pane = robot.lookup("#alert-history-dialog").queryAs(Parent.class);
    Label outcome = robot.lookup("#alert-history-outcome").queryAs(Label.class);
    assertThat(outcome.isVisible()).isFalse();
    robot.interact(
        () ->
            AlertHistoryDialog.exported(
                outcome,
                "fleet-alerts-2026-12-02.csv",
                null,
                new java.util.concurrent.CompletionException(
                    new java.io.UncheckedIOException(
                        new java.io.IOException(
                            "the transfer from the manager at 192.168.100.200:7472 stopped after"
                                + " 1048576 of 3163219 bytes (not attached: the connection to the"
                                + " manager broke); no file was written")))));
    WaitForAsyncUtils.waitForFxEvents();

    List<String> cut = WaitForAsyncUtils.asyncFx(() -> CutLabels.in(pane)).get(5, TimeUnit.SECONDS);

    assertThat(cut).isEmpty();
    assertThat(outcome.getText())
        .isEqualTo(
            "Could not write fleet-alerts-2026-12-02.csv: the transfer from the manager at"
                + " 192.168.100.200:7472 stopped after 1048576 of 3163219 bytes (not attached: the"
                + " connection to the manager broke); no file was written");
    robot.interact(() -> pane.getScene().getWindow().hide());
  }
}
