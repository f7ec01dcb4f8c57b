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
 * The alert history's bar: a long sentence beside Export CSV… (a failed export's, seen by hand
 * under Xvfb as "S…" and "Export …") is cut itself, never the buttons beside it.
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
  void aLongExportSentenceLeavesSearchAndExportWhole(FxRobot robot) throws Exception {
    List<String> calls = new ArrayList<>();
    robot.interact(
        () ->
            AlertHistoryDialog.show(
                stage, StandInActions.recording(calls, Role.VIEWER, () -> false)));
    Parent pane = robot.lookup("#alert-history-dialog").queryAs(Parent.class);
    robot.interact(
        () ->
            robot
                .lookup("#alert-history-count")
                .queryAs(Label.class)
                .setText(
                    "Could not write fleet-alerts-2026-12-02.csv: the transfer from the manager at"
                        + " 192.168.100.200:7472 stopped after 1048576 of 3163219 bytes (the"
                        + " connection to the manager broke); no file was written"));
    WaitForAsyncUtils.waitForFxEvents();

    List<String> cut = WaitForAsyncUtils.asyncFx(() -> CutLabels.in(pane)).get(5, TimeUnit.SECONDS);

    assertThat(cut).anyMatch(c -> c.contains("Could not write"));
    assertThat(cut).noneMatch(c -> c.contains("Search") || c.contains("Export CSV"));
    robot.interact(() -> pane.getScene().getWindow().hide());
  }
}
