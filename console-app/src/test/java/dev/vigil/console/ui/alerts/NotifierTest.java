package dev.vigil.console.ui.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vigil.console.manager.api.AlertEvent;
import dev.vigil.protocol.message.AlertReport;
import dev.vigil.protocol.message.AlertState;
import dev.vigil.protocol.message.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.matcher.control.LabeledMatchers;

/**
 * Waves of alerts become one summary popup whose count grows; critical ones still pop up, at most
 * three at once, and fold into the summary when pushed out or when their time runs out.
 */
@ExtendWith(ApplicationExtension.class)
class NotifierTest {
  private Notifier notifier;
  private final List<String> selected = new ArrayList<>();
  private long next = 1;

  @Start
  void start(Stage stage) {
    stage.setScene(new Scene(new StackPane(), 1000, 700));
    stage.show();
    notifier = new Notifier(stage, selected::add, null, (id, who) -> {});
  }

  /** Each test's popups go with it: they share the one stage, and would come back with a dialog. */
  @org.junit.jupiter.api.AfterEach
  void dismissAll(FxRobot robot) {
    robot.interact(() -> notifier.dismissAll());
  }

  private AlertEvent alert(Severity severity, AlertState state) {
    long id = next++;
    long now = System.currentTimeMillis();
    return new AlertEvent(
        id,
        "00000000-0000-4000-8000-000000000001",
        "node-1",
        new AlertReport(id, "cpu", severity, state, 95, 90, now, "CPU at 95 %"),
        AlertEvent.Channel.UDP,
        now,
        false);
  }

  private List<AlertEvent> wave(int n, Severity severity, AlertState state) {
    List<AlertEvent> all = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      all.add(alert(severity, state));
    }
    return all;
  }

  private static List<String> titles(FxRobot robot) {
    Set<Node> toasts = robot.lookup(".toast").queryAll();
    List<String> titles = new ArrayList<>();
    for (Node t : toasts) {
      titles.add(((Label) t.lookup(".toast-title")).getText());
    }
    return titles;
  }

  @Test
  void aWaveIsOneSummaryThatCountsOnAndCriticalAlertsStillPopUp(FxRobot robot) {
    robot.interact(() -> notifier.alerts(wave(50, Severity.WARNING, AlertState.FIRING)));
    assertThat(titles(robot)).containsExactly("50 alerts without a popup");

    List<AlertEvent> second = wave(7, Severity.WARNING, AlertState.RESOLVED);
    second.add(alert(Severity.CRITICAL, AlertState.FIRING));
    robot.interact(() -> notifier.alerts(second));
    assertThat(titles(robot))
        .containsExactlyInAnyOrder("57 alerts without a popup", "Critical: cpu on node-1");
    Label text =
        (Label)
            robot
                .lookup(".toast .toast-text")
                .match(n -> ((Label) n).getText().contains("firing,"))
                .query();
    assertThat(text.getText()).isEqualTo("50 firing, 7 resolved; see the alert feed.");
  }

  @Test
  void aQuietWindowShowsAlertsOneByOneUpToTheCapThenCounts(FxRobot robot) {
    for (int i = 0; i < Notifier.MAX_POPUPS; i++) {
      robot.interact(() -> notifier.alerts(List.of(alert(Severity.WARNING, AlertState.FIRING))));
    }
    assertThat(titles(robot)).hasSize(Notifier.MAX_POPUPS).allMatch(t -> t.startsWith("Warning"));
    robot.interact(() -> notifier.alerts(List.of(alert(Severity.WARNING, AlertState.FIRING))));
    robot.interact(() -> notifier.alerts(List.of(alert(Severity.WARNING, AlertState.FIRING))));
    assertThat(titles(robot)).contains("2 alerts without a popup").hasSize(Notifier.MAX_POPUPS + 1);
  }

  @Test
  void clickingAPopupSelectsItsAgentAndItsCloseButtonOnlyCloses(FxRobot robot) {
    robot.interact(() -> notifier.alerts(List.of(alert(Severity.WARNING, AlertState.FIRING))));
    robot.clickOn(robot.lookup(".toast .toast-text").queryLabeled());
    assertThat(selected).containsExactly("00000000-0000-4000-8000-000000000001");
    assertThat(titles(robot)).isEmpty();

    robot.interact(() -> notifier.alerts(List.of(alert(Severity.WARNING, AlertState.RESOLVED))));
    robot.clickOn(robot.lookup(".toast .toast-close").queryButton());
    assertThat(titles(robot)).isEmpty();
    assertThat(selected).hasSize(1);
  }

  @Test
  void atMostThreePopupsShowAtOnceAndCriticalOnesPushedOutAreCountedInTheSummary(FxRobot robot) {
    robot.interact(() -> notifier.alerts(wave(6, Severity.CRITICAL, AlertState.FIRING)));

    assertThat(titles(robot))
        .hasSize(Toasts.MAX_SHOWN + 1)
        .contains("3 alerts without a popup")
        .filteredOn(t -> t.startsWith("Critical"))
        .hasSize(Toasts.MAX_SHOWN);
  }

  @Test
  void aCriticalPopupFoldsIntoTheSummaryOnceItsTimeRunsOut(FxRobot robot) {
    robot.interact(
        () -> {
          notifier.criticalStay(javafx.util.Duration.millis(300));
          notifier.alerts(List.of(alert(Severity.CRITICAL, AlertState.FIRING)));
        });
    assertThat(titles(robot)).containsExactly("Critical: cpu on node-1");

    await()
        .atMost(java.time.Duration.ofSeconds(5))
        .until(() -> titles(robot).equals(List.of("1 alert without a popup")));
  }

  @Test
  void dismissAllOnTheSummaryClosesEveryPopupAndTheCountStartsAgain(FxRobot robot) {
    robot.interact(() -> notifier.alerts(wave(5, Severity.CRITICAL, AlertState.FIRING)));
    assertThat(titles(robot)).hasSize(Toasts.MAX_SHOWN + 1);

    robot.clickOn(
        robot.lookup(".toast .button").match(LabeledMatchers.hasText("Dismiss all")).queryButton());
    assertThat(titles(robot)).isEmpty();

    robot.interact(() -> notifier.alerts(wave(4, Severity.WARNING, AlertState.FIRING)));
    assertThat(titles(robot)).containsExactly("4 alerts without a popup");
  }

  @Test
  void popupsStepAsideWhileADialogIsOpenAndComeBackAfter(FxRobot robot) {
    robot.interact(() -> notifier.alerts(wave(2, Severity.CRITICAL, AlertState.FIRING)));
    assertThat(titles(robot)).hasSize(2);
    javafx.stage.Window owner = robot.listTargetWindows().get(0);
    List<javafx.scene.control.Dialog<Void>> dialogs = new ArrayList<>();
    robot.interact(
        () -> {
          javafx.scene.control.Dialog<Void> dialog = new javafx.scene.control.Dialog<>();
          dialogs.add(dialog);
          dev.vigil.console.ui.window.WindowFit.dialog(dialog);
          dialog.initOwner(owner);
          dialog.getDialogPane().getButtonTypes().add(javafx.scene.control.ButtonType.CLOSE);
          dialog.show();
        });
    // #17: the stack was drawn over the quit dialog, its buttons taking no clicks.
    assertThat(titles(robot)).isEmpty();
    robot.interact(() -> notifier.alerts(List.of(alert(Severity.CRITICAL, AlertState.FIRING))));
    assertThat(titles(robot)).isEmpty();

    robot.interact(() -> dialogs.get(0).close());
    assertThat(titles(robot)).hasSize(3);
  }
}
