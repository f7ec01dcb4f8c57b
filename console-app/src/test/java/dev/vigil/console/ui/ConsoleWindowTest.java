package dev.vigil.console.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vigil.agent.Agent;
import dev.vigil.console.ManagerActions;
import dev.vigil.console.TestAgents;
import dev.vigil.console.manager.AgentStatus;
import dev.vigil.console.manager.ConsoleManager;
import dev.vigil.console.manager.ManagerConfig;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.embed.swing.SwingFXUtils;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.input.ContextMenuEvent;
import javafx.scene.input.PickResult;
import javafx.stage.PopupWindow;
import javafx.stage.Stage;
import javafx.stage.Window;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.matcher.control.LabeledMatchers;

/** Clicks through the console window as an operator would, against a real manager and agent. */
@ExtendWith(ApplicationExtension.class)
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class ConsoleWindowTest {
  @TempDir Path dir;
  private ConsoleManager manager;
  private Agent agent;
  private ConsoleWindow window;

  @Start
  void start(Stage stage) throws IOException {
    manager = new ConsoleManager(ManagerConfig.loopbackAnyPort(dir.resolve("console")));
    manager.start();
    FleetModel model = new FleetModel();
    manager.addListener(model);
    window =
        new ConsoleWindow(
            model,
            new ManagerActions(manager),
            "TCP 127.0.0.1:"
                + manager.tcpAddress().getPort()
                + "  ·  UDP 127.0.0.1:"
                + manager.udpAddress().getPort());
    window.show(stage);
  }

  @AfterEach
  void stop(FxRobot robot) throws Exception {
    robot.interact(
        () ->
            List.copyOf(Window.getWindows()).stream()
                .filter(w -> w instanceof PopupWindow)
                .forEach(Window::hide));
    FxToolkit.cleanupStages();
    if (agent != null) {
      agent.close();
    }
    manager.close();
  }

  @SuppressWarnings("unchecked")
  private TableRow<AgentRow> firstAgentRow(FxRobot robot) {
    return (TableRow<AgentRow>)
        robot
            .lookup("#agent-table .table-row-cell")
            .match((Node n) -> n instanceof TableRow<?> r && r.getItem() != null)
            .query();
  }

  @Test
  void restartFromTheContextMenuAfterConfirmationReachesTheAgent(FxRobot robot) throws Exception {
    agent = TestAgents.quiet(manager, dir.resolve("agent"));
    TableView<AgentRow> table = robot.lookup("#agent-table").queryTableView();
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                table.getItems().size() == 1
                    && table.getItems().get(0).cpuPercentProperty().get() >= 0);

    openContextMenu(robot, firstAgentRow(robot), "Restart…");
    robot.clickOn("Restart…");
    Button confirm =
        robot
            .lookup(".dialog-pane .button")
            .match(LabeledMatchers.hasText("Restart"))
            .queryButton();
    assertThat(robot.lookup("#confirm-restart .header-panel .label").queryLabeled().getText())
        .isEqualTo("Restart " + table.getItems().get(0).getHostname() + "?");
    robot.clickOn(confirm);

    await()
        .atMost(Duration.ofSeconds(20))
        .ignoreExceptions()
        .untilAsserted(
            () ->
                assertThat(table.getItems().get(0).lastCommandProperty().get())
                    .startsWith("restart: dry run: would run '"));
    saveScreenshot(robot, "console-after-restart.png");
  }

  @Test
  void actionsTheAgentDoesNotAllowAreDisabledWithTheReasonAndProcessesShowsItsTopProcesses(
      FxRobot robot) throws Exception {
    agent = TestAgents.quiet(manager, dir.resolve("agent")); // allows restart, refresh, processes
    TableView<AgentRow> table = robot.lookup("#agent-table").queryTableView();
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                table.getItems().size() == 1
                    && table.getItems().get(0).cpuPercentProperty().get() >= 0);
    openContextMenu(robot, firstAgentRow(robot), "Processes…");
    assertThat(robot.lookup("Shut down… (not allowed by the agent's config)").tryQuery())
        .isPresent();
    assertThat(robot.lookup("Kill process… (not allowed by the agent's config)").tryQuery())
        .isPresent();
    robot.clickOn("Processes…");
    await()
        .atMost(Duration.ofSeconds(15))
        .ignoreExceptions()
        .untilAsserted(
            () ->
                assertThat(
                        robot
                            .lookup("#processes-dialog .text-area")
                            .queryAs(TextArea.class)
                            .getText())
                    .contains("PID")
                    .contains("NAME"));
  }

  @Test
  void aPendingAgentIsApprovedFromTheContextMenu(FxRobot robot) throws Exception {
    agent = TestAgents.unenrolled(manager, dir.resolve("agent"));
    TableView<AgentRow> table = robot.lookup("#agent-table").queryTableView();
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                table.getItems().size() == 1
                    && table.getItems().get(0).getStatus() == AgentStatus.PENDING);
    assertThat(robot.lookup("#status-bar").queryLabeled().getText()).contains("1 pending");

    openContextMenu(robot, firstAgentRow(robot), "Approve");
    robot.clickOn("Approve");

    await()
        .atMost(Duration.ofSeconds(20))
        .ignoreExceptions()
        .untilAsserted(
            () -> {
              AgentRow row = table.getItems().get(0);
              assertThat(row.getStatus()).isEqualTo(AgentStatus.ONLINE);
              assertThat(row.cpuPercentProperty().get()).isGreaterThanOrEqualTo(0);
            });
  }

  @Test
  void addAgentShowsTheEnrollmentCommandWithATokenAndTheConsoleKey(FxRobot robot) throws Exception {
    robot.clickOn("#add-agent");
    await()
        .atMost(Duration.ofSeconds(10))
        .ignoreExceptions()
        .untilAsserted(
            () ->
                assertThat(robot.lookup("#enrollment-command").queryAs(TextArea.class).getText())
                    .contains("./vigil agent --manager 127.0.0.1:" + manager.tcpAddress().getPort())
                    .contains("--token vgt_")
                    .contains("--console-fingerprint " + manager.fingerprint().orElseThrow()));
    saveScreenshot(robot, "add-agent.png");
  }

  /** Opens a row's context menu; Monocle needs the event fired by hand (TestFX issue 645). */
  private static void openContextMenu(FxRobot robot, TableRow<?> row, String expectedItem) {
    robot.rightClickOn(row);
    if (robot.lookup(expectedItem).tryQuery().isEmpty()) {
      robot.interact(
          () -> {
            Point2D p = row.localToScreen(20, row.getHeight() / 2);
            row.fireEvent(
                new ContextMenuEvent(
                    ContextMenuEvent.CONTEXT_MENU_REQUESTED,
                    20,
                    row.getHeight() / 2,
                    p.getX(),
                    p.getY(),
                    false,
                    new PickResult(row, p.getX(), p.getY())));
          });
    }
  }

  @Test
  void aCpuAlertShowsAPopupAndAFeedEntry(FxRobot robot) throws Exception {
    agent = TestAgents.alerting(manager, dir.resolve("agent"));
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> robot.lookup(".notification-bar").tryQuery().isPresent());
    TableView<AlertEntry> feed = robot.lookup("#alert-feed").queryTableView();
    assertThat(feed.getItems()).hasSize(1);
    assertThat(feed.getItems().get(0).rule()).isEqualTo("cpu");
    assertThat(robot.lookup("#status-bar").queryLabeled().getText())
        .contains("1 online")
        .contains("1 alert firing");
    saveScreenshot(robot, "console-with-alert.png");

    // Acknowledge it from the feed's row menu.
    TableRow<?> alertRow =
        (TableRow<?>)
            robot
                .lookup("#alert-feed .table-row-cell")
                .match((Node n) -> n instanceof TableRow<?> r && r.getItem() != null)
                .query();
    openContextMenu(robot, alertRow, "Acknowledge");
    robot.clickOn("Acknowledge");
    long id = feed.getItems().get(0).id();
    await()
        .atMost(Duration.ofSeconds(10))
        .ignoreExceptions()
        .untilAsserted(
            () -> {
              assertThat(feed.getItems().get(0).acknowledgedBy()).isNotEmpty();
              assertThat(manager.acknowledgement(id)).isPresent();
            });
  }

  /** Keeps a picture of the window under target/ for a person to look at. */
  private void saveScreenshot(FxRobot robot, String name) throws Exception {
    BufferedImage[] image = new BufferedImage[1];
    robot.interact(
        () -> image[0] = SwingFXUtils.fromFXImage(window.root().getScene().snapshot(null), null));
    Path out = Path.of("target", "screenshots", name);
    Files.createDirectories(out.getParent());
    ImageIO.write(image[0], "png", out.toFile());
  }
}
