package dev.vigil.console.ui.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.console.manager.api.AlertEvent;
import dev.vigil.console.ui.window.WindowFit;
import dev.vigil.protocol.message.AlertReport;
import dev.vigil.protocol.message.AlertState;
import dev.vigil.protocol.message.Severity;
import java.util.ArrayList;
import java.util.List;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.Region;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * Popups sit inside the node they are anchored to, never over the feed below it, are no taller than
 * it, and can be closed while a dialog blocks the window.
 */
@ExtendWith(ApplicationExtension.class)
class PopupPlacementTest {
  private final Region table = new Region();
  private final Region feed = new Region();
  private Stage stage;
  private Notifier notifier;
  private long next = 1;

  @Start
  void start(Stage stage) {
    this.stage = stage;
    table.setPrefHeight(330);
    feed.setPrefHeight(300);
    BorderPane root = new BorderPane(table);
    root.setBottom(feed);
    stage.setScene(new Scene(root, 1000, 700));
    stage.show();
    notifier = new Notifier(stage, id -> {}, null, (id, who) -> {});
    notifier.anchorTo(table);
  }

  private List<AlertEvent> criticals(int n) {
    List<AlertEvent> all = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      long id = next++;
      long now = System.currentTimeMillis();
      all.add(
          new AlertEvent(
              id,
              "00000000-0000-4000-8000-00000000000" + (i % 10),
              "node-" + i,
              new AlertReport(
                  id,
                  "cpu",
                  Severity.CRITICAL,
                  AlertState.FIRING,
                  95,
                  90,
                  now,
                  "CPU at 95 % for 30 s, over the critical level of 90 % on this machine"),
              AlertEvent.Channel.UDP,
              now,
              false));
    }
    return all;
  }

  private static Bounds onScreen(Node n) {
    return n.localToScreen(n.getLayoutBounds());
  }

  /** Each test's popups go with it: they share the one stage, and would come back with a dialog. */
  @org.junit.jupiter.api.AfterEach
  void dismissAll(FxRobot robot) {
    robot.interact(() -> notifier.dismissAll());
  }

  @Test
  void popupsStayInsideTheirAnchorAndOffTheFeed(FxRobot robot) {
    robot.interact(() -> notifier.alerts(criticals(8)));

    Node stack = robot.lookup(".toast-stack").query();
    Bounds popup = onScreen(stack);
    assertThat(popup.intersects(onScreen(feed))).as("covers the feed").isFalse();
    assertThat(popup.getMaxY()).isLessThanOrEqualTo(onScreen(table).getMaxY());
    assertThat(popup.getHeight()).isLessThanOrEqualTo(table.getHeight());
    assertThat(robot.lookup(".toast").queryAll()).hasSizeBetween(2, Toasts.MAX_SHOWN + 1);
  }

  @Test
  void aPopupStepsAsideWhileADialogBlocksTheWindowAndClosesAfter(FxRobot robot) {
    robot.interact(() -> notifier.alerts(criticals(1)));
    robot.interact(
        () -> {
          Dialog<ButtonType> dialog = new Dialog<>();
          dialog.initOwner(stage);
          dialog.getDialogPane().getButtonTypes().add(ButtonType.CLOSE);
          dialog.getDialogPane().setContentText("A dialog");
          WindowFit.dialog(dialog).show();
          Window w = dialog.getDialogPane().getScene().getWindow();
          w.setX(stage.getX());
          w.setY(stage.getY());
        });
    // Drawn above the dialog, the stack covered it and its buttons took no clicks (#17).
    assertThat(robot.lookup(".toast").tryQuery()).isEmpty();

    robot.interact(
        () ->
            Window.getWindows().stream()
                .filter(w -> w != stage && w instanceof Stage)
                .toList()
                .forEach(Window::hide));
    robot.clickOn(robot.lookup(".toast .toast-close").queryButton());
    assertThat(robot.lookup(".toast").tryQuery()).isEmpty();
  }
}
