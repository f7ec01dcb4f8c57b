package dev.vigil.console.ui.window;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vigil.console.ManagerActions;
import dev.vigil.console.RunningConsole;
import dev.vigil.console.manager.api.Confirmation;
import dev.vigil.console.manager.api.Operator;
import dev.vigil.console.ui.ConsoleWindow;
import dev.vigil.console.ui.alerts.AlertHistoryDialog;
import dev.vigil.console.ui.dialogs.AboutDialog;
import dev.vigil.console.ui.dialogs.AddAgentDialog;
import dev.vigil.console.ui.dialogs.CommandDialogs;
import dev.vigil.console.ui.dialogs.OperatorsDialog;
import dev.vigil.console.ui.dialogs.SettingsDialog;
import dev.vigil.console.ui.model.FleetModel;
import dev.vigil.console.ui.model.Settings;
import dev.vigil.protocol.command.Command;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.geometry.Rectangle2D;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.DialogPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextArea;
import javafx.scene.input.Clipboard;
import javafx.stage.PopupWindow;
import javafx.stage.Stage;
import javafx.stage.Window;
import javafx.stage.WindowEvent;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;

/**
 * The main window and every dialog open at a usable size, wholly on the screen, with no label cut,
 * and a dialog leaves a maximised window maximised. Runs under Monocle with the rest of the suite
 * and, tagged "desktop", under Xvfb with a real window manager (scripts/desktop-tests.sh), where
 * the sizes are the window manager's.
 */
@Tag("desktop")
@ExtendWith(ApplicationExtension.class)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class WindowSizesTest {
  private static final Duration SETTLE = Duration.ofSeconds(10);

  @RegisterExtension final RunningConsole console = RunningConsole.onLoopback();
  @TempDir Path dir;
  private Stage stage;

  /** A dialog the console opens, and how to open it over the main window. */
  private record Opener(String name, String paneId, Consumer<Window> open) {}

  private List<Opener> dialogs(Settings settings) {
    ManagerActions actions = actions();
    return List.of(
        new Opener("Add agent…", "add-agent-dialog", owner -> AddAgentDialog.show(owner, actions)),
        new Opener(
            "Alert history", "alert-history-dialog", o -> AlertHistoryDialog.show(o, actions)),
        new Opener(
            "Settings",
            "settings-dialog",
            owner -> Platform.runLater(() -> SettingsDialog.show(owner, settings))),
        new Opener("About", "about-dialog", owner -> AboutDialog.show(owner, actions)),
        new Opener(
            "Operators",
            "operators-dialog",
            owner -> Platform.runLater(() -> OperatorsDialog.show(owner, actions))),
        new Opener(
            "Remove operator",
            "confirm-remove-operator",
            owner ->
                Platform.runLater(
                    () ->
                        CommandDialogs.confirm(
                            owner,
                            Confirmation.removeOperator("alice"),
                            "confirm-remove-operator"))),
        new Opener(
            "Restart",
            "confirm-restart",
            owner ->
                Platform.runLater(
                    () ->
                        CommandDialogs.confirm(
                            owner,
                            Confirmation.power(
                                Command.RESTART,
                                List.of(new Confirmation.Target("web-01", "10.0.0.1:40000"))),
                            "confirm-restart"))),
        new Opener(
            "Forget",
            "confirm-forget",
            owner ->
                Platform.runLater(
                    () ->
                        CommandDialogs.confirm(
                            owner,
                            Confirmation.forget(List.of("web-01", "web-02"), 1),
                            "confirm-forget"))),
        new Opener(
            "Kill",
            "kill-dialog",
            owner -> Platform.runLater(() -> CommandDialogs.askPid(owner, "web-01"))),
        new Opener(
            "Processes",
            "processes-dialog",
            owner ->
                CommandDialogs.showProcesses(
                    owner, "web-01", null, new IllegalStateException("the agent is offline"))));
  }

  @AfterEach
  void closeWindows(FxRobot robot) {
    robot.interact(() -> List.copyOf(Window.getWindows()).forEach(Window::hide));
  }

  @Test
  void theMainWindowOpensAtItsDefaultSizeWhollyOnScreenWithNoLabelCut(FxRobot robot) {
    open(robot, Settings.load(dir.resolve("console.properties")));
    WindowLayout.Size expected =
        WindowLayout.fit(
            WindowLayout.DEFAULT_WIDTH, WindowLayout.DEFAULT_HEIGHT, WindowFit.visualBounds(stage));
    await()
        .atMost(SETTLE)
        .untilAsserted(
            () -> {
              assertThat(stage.getScene().getWidth()).isCloseTo(expected.width(), within(2));
              assertThat(stage.getScene().getHeight()).isCloseTo(expected.height(), within(2));
              assertOnScreen(stage, "the main window");
              // The agent table's and the feed's column titles are among those checked (#17:
              // "Last comman…" at this size).
              assertThat(onFx(robot, () -> CutLabels.columnTitles(stage.getScene().getRoot())))
                  .contains("Host", "Status", "Alerts", "Last seen", "Last command")
                  .contains("Since", "Severity", "Agent", "Rule", "Message", "Handled");
              assertThat(onFx(robot, () -> CutLabels.in(stage.getScene().getRoot()))).isEmpty();
              if (expected.width() >= WindowLayout.DEFAULT_WIDTH) {
                // On a screen too small for the default width, the last column may scroll.
                assertThat(onFx(robot, () -> headersOutOfView(robot, "#agent-table")))
                    .as("agent table column titles out of view at the default size")
                    .isEmpty();
              }
            });
  }

  /**
   * The column titles whose header reaches past the table's right edge: whole, but half scrolled
   * off ("Last comman" under openbox at the first start).
   */
  private static List<String> headersOutOfView(FxRobot robot, String table) {
    javafx.scene.Node view = robot.lookup(table).query();
    double right = view.localToScene(view.getLayoutBounds()).getMaxX();
    return view.lookupAll(".column-header").stream()
        .filter(
            n ->
                n instanceof javafx.scene.control.skin.TableColumnHeader h
                    && h.getTableColumn() != null
                    && h.isVisible())
        .filter(n -> n.localToScene(n.getLayoutBounds()).getMaxX() > right + 1)
        .map(n -> ((javafx.scene.control.skin.TableColumnHeader) n).getTableColumn().getText())
        .toList();
  }

  @Test
  void aSqueezedSizeAndADividerAtAnEdgeAreNeitherRestoredNorSavedAgain(FxRobot robot)
      throws Exception {
    Path file = dir.resolve("console.properties");
    Files.writeString(
        file,
        "window.width=200.0\nwindow.height=200.0\nlayout.fleet-divider=0.888\n"
            + "layout.feed-divider=0.05\n");
    Settings settings = Settings.load(file);
    open(robot, settings);
    await()
        .atMost(SETTLE)
        .untilAsserted(
            () -> {
              assertThat(stage.getScene().getWidth())
                  .isGreaterThanOrEqualTo(WindowLayout.MIN_WIDTH);
              assertThat(stage.getScene().getHeight())
                  .isGreaterThanOrEqualTo(WindowLayout.MIN_HEIGHT);
              List<SplitPane> splits =
                  robot.lookup(".split-pane").queryAllAs(SplitPane.class).stream().toList();
              assertThat(splits)
                  .allSatisfy(
                      s ->
                          assertThat(s.getDividerPositions()[0])
                              .isBetween(WindowLayout.DIVIDER_MIN, WindowLayout.DIVIDER_MAX));
            });
    // The operator squeezes the window and drags a divider to the edge, then quits. Tried again
    // until it takes: for a second after opening, the window holds its size against the window
    // manager's late answer (WindowFit).
    SplitPane fleet = robot.lookup(".split-pane").queryAllAs(SplitPane.class).iterator().next();
    await()
        .atMost(SETTLE)
        .until(
            () -> {
              robot.interact(
                  () -> {
                    stage.setWidth(150);
                    stage.setHeight(150);
                    fleet.setDividerPositions(0.97);
                  });
              return stage.getWidth() < WindowLayout.MIN_WIDTH;
            });
    robot.interact(stage::hide);

    Settings saved = Settings.load(file);
    assertThat(saved.number("window.width", Double.NaN)).isNotEqualTo(150.0);
    assertThat(
            WindowLayout.openingSize(
                saved.number("window.width", Double.NaN),
                saved.number("window.height", Double.NaN),
                WindowFit.visualBounds(null)))
        .isEqualTo(
            WindowLayout.fit(
                WindowLayout.DEFAULT_WIDTH,
                WindowLayout.DEFAULT_HEIGHT,
                WindowFit.visualBounds(null)));
    assertThat(saved.text("layout.fleet-divider")).isEmpty();
    assertThat(saved.number("layout.feed-divider", Double.NaN))
        .isBetween(WindowLayout.DIVIDER_MIN, WindowLayout.DIVIDER_MAX);
  }

  @Test
  void aSaneSavedSizeIsRestored(FxRobot robot) throws Exception {
    Path file = dir.resolve("console.properties");
    Files.writeString(file, "window.width=1000.0\nwindow.height=600.0\n");
    open(robot, Settings.load(file));
    await()
        .atMost(SETTLE)
        .untilAsserted(
            () -> {
              assertThat(stage.getScene().getWidth()).isCloseTo(1000, within(2));
              assertThat(stage.getScene().getHeight()).isCloseTo(600, within(2));
            });
  }

  @Test
  void everyDialogOpensAtItsSizeWhollyOnScreenWithNoLabelCut(FxRobot robot) {
    Settings settings = Settings.load(dir.resolve("console.properties"));
    open(robot, settings);
    SoftAssertions softly = new SoftAssertions();
    for (Opener opener : dialogs(settings)) {
      robot.interact(() -> opener.open().accept(stage));
      DialogPane pane = awaitDialog(robot, opener);
      softly
          .assertThat(onFx(robot, () -> CutLabels.in(pane)))
          .as("labels cut in %s", opener.name())
          .isEmpty();
      if (opener.paneId().equals("settings-dialog")) {
        softly
            .assertThat(robot.lookup("#settings-theme .label").queryLabeled().getText())
            .isEqualTo("Light");
      }
      close(robot, pane);
    }
    softly.assertAll();
  }

  @Test
  void openingADialogLeavesAMaximisedWindowMaximised(FxRobot robot) throws Exception {
    Path file = dir.resolve("console.properties");
    Files.writeString(file, "window.maximized=true\n");
    Settings settings = Settings.load(file);
    open(robot, settings);
    Rectangle2D visual = WindowFit.visualBounds(stage);
    await()
        .atMost(SETTLE)
        .until(() -> stage.isMaximized() && stage.getWidth() > visual.getWidth() * 0.9);
    for (Opener opener : dialogs(settings)) {
      robot.interact(() -> opener.open().accept(stage));
      DialogPane pane = awaitDialog(robot, opener);
      assertThat(stage.isMaximized()).as("maximised with %s open", opener.name()).isTrue();
      assertThat(stage.getWidth())
          .as("the window's width with %s open", opener.name())
          .isGreaterThan(visual.getWidth() * 0.9);
      close(robot, pane);
      await()
          .atMost(SETTLE)
          .untilAsserted(
              () ->
                  assertThat(stage.isMaximized() && stage.getWidth() > visual.getWidth() * 0.9)
                      .as("maximised after %s closed", opener.name())
                      .isTrue());
    }
  }

  @Test
  void addAgentIsResizableShowsBothWaysAndCopiesTheOneShown(FxRobot robot) {
    Settings settings = Settings.load(dir.resolve("console.properties"));
    open(robot, settings);
    Opener add = dialogs(settings).get(0);
    robot.interact(() -> add.open().accept(stage));
    DialogPane pane = awaitDialog(robot, add);
    assertThat(((Stage) pane.getScene().getWindow()).isResizable()).isTrue();
    TabPane ways = robot.lookup("#enrollment-ways").queryAs(TabPane.class);
    TextArea config = robot.lookup("#enrollment-config").queryAs(TextArea.class);
    await().atMost(SETTLE).until(() -> config.getText().contains("token = vgt_"));
    assertThat(robot.lookup("#enrollment-ways .tab").queryAll()).hasSize(2);
    assertThat(config.getHeight()).as("the agent.conf lines' height").isGreaterThan(40);

    robot.clickOn("#copy-enrollment");
    assertThat(onFx(robot, () -> Clipboard.getSystemClipboard().getString()))
        .isEqualTo(config.getText());
    robot.clickOn("Command line");
    await().atMost(SETTLE).until(() -> ways.getSelectionModel().getSelectedIndex() == 1);
    TextArea command = robot.lookup("#enrollment-command").queryAs(TextArea.class);
    assertThat(command.getHeight()).as("the command's height").isGreaterThan(40);
    robot.clickOn("#copy-enrollment");
    assertThat(onFx(robot, () -> Clipboard.getSystemClipboard().getString()))
        .isEqualTo(command.getText())
        .contains("./vigil agent --manager ")
        .contains("--token-file vigil-token --console-fingerprint SHA256:");
    close(robot, pane);
  }

  @Test
  void whileADialogIsOpenItsOwnerTakesNoClicksAndCannotBeClosed(FxRobot robot) {
    Settings settings = Settings.load(dir.resolve("console.properties"));
    open(robot, settings);
    Opener restart = dialogs(settings).get(4);
    robot.interact(() -> restart.open().accept(stage));
    DialogPane pane = awaitDialog(robot, restart);

    robot.clickOn("#add-agent");
    robot.interact(() -> stage.fireEvent(new WindowEvent(stage, WindowEvent.WINDOW_CLOSE_REQUEST)));

    assertThat(robot.lookup("#add-agent-dialog").tryQuery()).isEmpty();
    assertThat(stage.isShowing()).isTrue();
    close(robot, pane);
    robot.clickOn("#add-agent");
    await().atMost(SETTLE).until(() -> robot.lookup("#add-agent-dialog").tryQuery().isPresent());
  }

  private ManagerActions actions() {
    return new ManagerActions(console.manager(), Operator.local());
  }

  private void open(FxRobot robot, Settings settings) {
    robot.interact(
        () -> {
          stage = new Stage();
          new ConsoleWindow(new FleetModel(), actions(), "TCP 127.0.0.1:0", settings).show(stage);
        });
  }

  /** Waits until the dialog is shown at its size, on screen, and returns its pane. */
  private DialogPane awaitDialog(FxRobot robot, Opener opener) {
    DialogPane[] found = new DialogPane[1];
    await()
        .atMost(SETTLE)
        .ignoreExceptions()
        .untilAsserted(
            () -> {
              DialogPane pane = robot.lookup("#" + opener.paneId()).queryAs(DialogPane.class);
              Window window = pane.getScene().getWindow();
              assertThat(window.isShowing()).isTrue();
              Rectangle2D visual = WindowFit.visualBounds(stage);
              double wanted = onFx(robot, () -> pane.prefHeight(pane.getWidth()));
              double room = visual.getHeight() * 0.95 - (window.getHeight() - pane.getHeight());
              assertThat(pane.getHeight())
                  .as("%s's height (it needs %.0f)", opener.name(), wanted)
                  .isGreaterThanOrEqualTo(Math.min(wanted, room) - 1);
              assertThat(pane.getWidth())
                  .as("%s's width", opener.name())
                  .isGreaterThanOrEqualTo(
                      Math.min(onFx(robot, () -> pane.prefWidth(-1)), visual.getWidth() * 0.9) - 1);
              assertOnScreen(window, opener.name());
              assertThat(window.getX() + window.getWidth() / 2)
                  .as("%s's centre, across, over the window's", opener.name())
                  .isCloseTo(stage.getX() + stage.getWidth() / 2, within(stage.getWidth() / 6));
              found[0] = pane;
            });
    return found[0];
  }

  private static void close(FxRobot robot, DialogPane pane) {
    robot.interact(
        () -> {
          Optional<ButtonType> cancel =
              pane.getButtonTypes().stream()
                  .filter(b -> b.getButtonData().isCancelButton())
                  .findFirst()
                  .or(() -> pane.getButtonTypes().stream().findFirst());
          ((Button) pane.lookupButton(cancel.orElseThrow())).fire();
        });
    await()
        .atMost(SETTLE)
        .until(() -> pane.getScene() == null || !pane.getScene().getWindow().isShowing());
    robot.interact(
        () ->
            List.copyOf(Window.getWindows()).stream()
                .filter(w -> w instanceof PopupWindow)
                .forEach(Window::hide));
  }

  private static void assertOnScreen(Window window, String what) {
    Rectangle2D visual = WindowFit.visualBounds(window);
    assertThat(window.getX())
        .as("%s's left edge", what)
        .isGreaterThanOrEqualTo(visual.getMinX() - 1);
    assertThat(window.getY())
        .as("%s's top edge", what)
        .isGreaterThanOrEqualTo(visual.getMinY() - 1);
    assertThat(window.getX() + window.getWidth())
        .as("%s's right edge", what)
        .isLessThanOrEqualTo(visual.getMaxX() + 1);
    assertThat(window.getY() + window.getHeight())
        .as("%s's bottom edge", what)
        .isLessThanOrEqualTo(visual.getMaxY() + 1);
  }

  private static org.assertj.core.data.Offset<Double> within(double pixels) {
    return org.assertj.core.data.Offset.offset(pixels);
  }

  private static <T> T onFx(FxRobot robot, java.util.concurrent.Callable<T> read) {
    Object[] result = new Object[1];
    robot.interact(
        () -> {
          try {
            result[0] = read.call();
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        });
    @SuppressWarnings("unchecked")
    T value = (T) result[0];
    return value;
  }
}
