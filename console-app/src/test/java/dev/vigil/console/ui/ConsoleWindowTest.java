package dev.vigil.console.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vigil.agent.Agent;
import dev.vigil.console.ManagerActions;
import dev.vigil.console.TestAgents;
import dev.vigil.console.manager.ConsoleManager;
import dev.vigil.console.manager.ManagerConfig;
import dev.vigil.console.manager.api.AgentStatus;
import dev.vigil.console.manager.api.Operator;
import dev.vigil.console.ui.model.AgentRow;
import dev.vigil.console.ui.model.AlertEntry;
import dev.vigil.console.ui.model.FleetModel;
import dev.vigil.console.ui.model.Settings;
import dev.vigil.protocol.tls.Fingerprint;
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
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.input.ContextMenuEvent;
import javafx.scene.input.KeyCode;
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
    manager.subscribe(model);
    window =
        new ConsoleWindow(
            model,
            new ManagerActions(manager, Operator.local()),
            "TCP 127.0.0.1:"
                + manager.info().agentListener().getPort()
                + "  ·  UDP 127.0.0.1:"
                + manager.info().alertListener().getPort(),
            Settings.load(dir.resolve("console.properties")));
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
    robot.interact(() -> ConsoleWindow.applyTheme(Settings.Theme.LIGHT));
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
    // The key comes first, and Approve waits for its last four characters.
    String key = table.getItems().get(0).fingerprintProperty().get();
    assertThat(key).startsWith("SHA256:");
    assertThat(robot.lookup("#approve-fingerprint").queryLabeled().getText()).isEqualTo(key);
    Button approve =
        robot
            .lookup("#confirm-approve .button")
            .match(LabeledMatchers.hasText("Approve"))
            .queryButton();
    assertThat(approve.isDisabled()).isTrue();
    javafx.scene.control.TextField typed =
        robot.lookup("#approve-last-characters").queryAs(javafx.scene.control.TextField.class);
    String wrong = key.endsWith("AAAA") ? "BBBB" : "AAAA";
    robot.interact(() -> typed.setText(wrong));
    assertThat(approve.isDisabled()).isTrue();
    assertThat(manager.agent(agent.id().toString()).orElseThrow().status())
        .isEqualTo(AgentStatus.PENDING);
    robot.interact(() -> typed.setText(key.substring(key.length() - 4)));
    assertThat(approve.isDisabled()).isFalse();
    robot.clickOn(approve);

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
                assertThat(robot.lookup("#enrollment-config").queryAs(TextArea.class).getText())
                    .contains(
                        "manager = 127.0.0.1:" + manager.info().agentListener().getPort() + "\n")
                    .contains("token = vgt_")
                    .contains(
                        "console-fingerprint = "
                            + manager
                                .info()
                                .keyFingerprint()
                                .map(Fingerprint::parse)
                                .orElseThrow()));
    robot.clickOn("Command line");
    await()
        .atMost(Duration.ofSeconds(10))
        .ignoreExceptions()
        .untilAsserted(
            () ->
                assertThat(robot.lookup("#enrollment-command").queryAs(TextArea.class).getText())
                    .contains(
                        "./vigil agent --manager 127.0.0.1:"
                            + manager.info().agentListener().getPort())
                    .contains("echo vgt_")
                    .contains("--token-file vigil-token")
                    .doesNotContain("--token vgt_")
                    .contains(
                        "--console-fingerprint "
                            + manager
                                .info()
                                .keyFingerprint()
                                .map(Fingerprint::parse)
                                .orElseThrow()));
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
        .until(() -> robot.lookup(".toast").tryQuery().isPresent());
    TableView<AlertEntry> feed = robot.lookup("#alert-feed").queryTableView();
    assertThat(feed.getItems()).hasSize(1);
    assertThat(feed.getItems().get(0).rule()).isEqualTo("cpu");
    assertThat(robot.lookup("#status-bar").queryLabeled().getText())
        .contains("1 online")
        .contains("1 problem firing");
    saveScreenshot(robot, "console-with-alert.png");

    // Acknowledge it from the popup.
    robot.clickOn(
        robot.lookup(".toast .button").match(LabeledMatchers.hasText("Acknowledge")).queryButton());
    long id = feed.getItems().get(0).id();
    await()
        .atMost(Duration.ofSeconds(10))
        .ignoreExceptions()
        .untilAsserted(
            () -> {
              assertThat(feed.getItems().get(0).acknowledgedBy()).isNotEmpty();
              assertThat(manager.acknowledgement(id)).isPresent();
            });

    // Snooze the rule from the feed's row menu.
    TableRow<?> alertRow =
        (TableRow<?>)
            robot
                .lookup("#alert-feed .table-row-cell")
                .match((Node n) -> n instanceof TableRow<?> r && r.getItem() != null)
                .query();
    openContextMenu(robot, alertRow, "Snooze this rule on this agent for 1 hour");
    robot.clickOn("Snooze this rule on this agent for 1 hour");
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                manager.snoozes().stream()
                    .anyMatch(
                        s ->
                            s.agentId().equals(String.valueOf(agent.id()))
                                && s.rule().equals("cpu")));
  }

  @Test
  void theAlertFeedFiltersBySeverityAndByAgentOrRule(FxRobot robot) throws Exception {
    agent = TestAgents.alerting(manager, dir.resolve("agent"));
    TableView<AlertEntry> feed = robot.lookup("#alert-feed").queryTableView();
    await().atMost(Duration.ofSeconds(20)).until(() -> feed.getItems().size() == 1);
    robot.clickOn("#alert-agent-filter").write("no-such-host");
    await().atMost(Duration.ofSeconds(5)).until(() -> feed.getItems().isEmpty());
    robot.interact(() -> window.filterAlerts(true, "cpu"));
    assertThat(feed.getItems()).hasSize(1); // a critical cpu alert
    robot.interact(() -> window.filterAlerts(false, ""));
    assertThat(feed.getItems()).hasSize(1);
  }

  @Test
  void theChecksColumnCountsFailingChecksAndTheChecksTabChartsAPluginsPerformanceData(FxRobot robot)
      throws Exception {
    agent =
        TestAgents.checking(
            manager,
            dir.resolve("agent"),
            List.of(
                dev.vigil.agent.check.CheckLine.parse(
                    "queue",
                    "plugin /bin/sh -c \"echo 'OK - queue fine | queue=42;50;80;0'\" every 1s"),
                dev.vigil.agent.check.CheckLine.parse(
                    "closed", "tcp 127.0.0.1:1 every 1s timeout 500ms for 1")));
    TableView<AgentRow> table = robot.lookup("#agent-table").queryTableView();
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                table.getItems().size() == 1
                    && table.getItems().get(0).checksProperty().get().equals("1 of 2 failing"));
    assertThat(table.getColumns().stream().map(TableColumn::getText)).contains("Checks");
    robot.clickOn(firstAgentRow(robot));
    // The tab, not the table's column of the same name.
    robot.clickOn(
        (Node n) ->
            n instanceof javafx.scene.control.Labeled l
                && l.getStyleClass().contains("tab-label")
                && "Checks".equals(l.getText()));
    TableView<?> checks = robot.lookup("#checks-table").queryTableView();
    await().atMost(Duration.ofSeconds(20)).until(() -> checks.getItems().size() == 2);
    robot.interact(() -> checks.getSelectionModel().select(0));
    await()
        .atMost(Duration.ofSeconds(20))
        .ignoreExceptions()
        .untilAsserted(
            () -> {
              javafx.scene.chart.LineChart<?, ?> chart =
                  robot.lookup("#tab-checks-content .check-chart").query();
              assertThat(chart.getTitle()).isEqualTo("queue queue");
              assertThat(chart.getData().get(0).getData()).hasSizeGreaterThanOrEqualTo(2);
              assertThat(
                      chart.getData().get(0).getData().stream()
                          .map(d -> ((Number) d.getYValue()).doubleValue()))
                  .containsOnly(42.0);
            });
    saveScreenshot(robot, "detail-checks.png");
  }

  @Test
  void selectingAnAgentShowsItsChartsSystemAndProcessesWithKillExplained(FxRobot robot)
      throws Exception {
    agent = TestAgents.quiet(manager, dir.resolve("agent")); // does not allow kill
    TableView<AgentRow> table = robot.lookup("#agent-table").queryTableView();
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                table.getItems().size() == 1
                    && table.getItems().get(0).cpuPercentProperty().get() >= 0);
    robot.clickOn(firstAgentRow(robot));
    await()
        .atMost(Duration.ofSeconds(20))
        .ignoreExceptions()
        .untilAsserted(
            () -> {
              javafx.scene.chart.LineChart<?, ?> cpu =
                  robot.lookup("#detail-pane .detail-chart").query();
              assertThat(cpu.getData()).isNotEmpty();
              assertThat(cpu.getData().get(0).getData()).hasSizeGreaterThanOrEqualTo(2);
            });
    assertThat(robot.lookup("#detail-allows").queryLabeled().getText())
        .contains("restart")
        .doesNotContain("kill");
    saveScreenshot(robot, "detail-pane.png");

    robot.clickOn("24 hours"); // from the store: the minute in progress at least
    await()
        .atMost(Duration.ofSeconds(20))
        .ignoreExceptions()
        .untilAsserted(
            () -> {
              javafx.scene.chart.LineChart<?, ?> cpu =
                  robot.lookup("#detail-pane .detail-chart").query();
              assertThat(cpu.getData().get(0).getName()).isEqualTo("CPU, average");
              assertThat(cpu.getData().get(0).getData()).isNotEmpty();
            });

    robot.clickOn("System");
    await()
        .atMost(Duration.ofSeconds(20))
        .ignoreExceptions()
        .untilAsserted(
            () -> {
              assertThat(robot.lookup("#detail-disks").queryTableView().getItems()).isNotEmpty();
              assertThat(robot.lookup("#detail-inventory").query().isVisible()).isTrue();
              assertThat(robot.lookup("Processor").tryQuery()).isPresent();
            });

    robot.clickOn("Processes");
    TableView<?> processes = robot.lookup("#detail-processes").queryTableView();
    await().atMost(Duration.ofSeconds(20)).until(() -> !processes.getItems().isEmpty());
    // #17: which java is which: the user and the command line, and when it was sampled.
    assertThat(processes.getColumns().stream().map(TableColumn::getText))
        .contains("User", "Command line");
    assertThat(
            processes.getItems().stream()
                .map(p -> (dev.vigil.protocol.message.ProcessInfo) p)
                .filter(p -> p.commandLine() != null && p.user() != null))
        .isNotEmpty();
    assertThat(robot.lookup("#detail-processes-sampled").queryLabeled().getText())
        .matches("Sampled at \\d\\d:\\d\\d:\\d\\d \\((just now|\\d+ s ago)\\)");
    robot.interact(() -> processes.getSelectionModel().select(0));
    Button kill = robot.lookup("#detail-kill").queryButton();
    assertThat(kill.isDisabled()).isTrue();
    javafx.scene.control.Tooltip why =
        (javafx.scene.control.Tooltip)
            kill.getParent().getProperties().get("javafx.scene.control.Tooltip");
    assertThat(why).isNotNull();
    assertThat(why.getText()).contains("Not allowed by the agent's config");
  }

  @Test
  void settingsSwitchToTheDarkThemeAndABadPortIsNamedBeforeAnythingIsSaved(FxRobot robot)
      throws Exception {
    robot.press(KeyCode.CONTROL, KeyCode.COMMA).release(KeyCode.COMMA, KeyCode.CONTROL);
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> robot.lookup("#settings-dialog").tryQuery().isPresent());
    robot.interact(
        () ->
            robot
                .lookup("#settings-theme")
                .<javafx.scene.control.ChoiceBox<Settings.Theme>>query()
                .setValue(Settings.Theme.DARK));
    robot.clickOn("#settings-tcp").write("99999");
    robot.clickOn("Save");
    assertThat(robot.lookup("#settings-problem").queryLabeled().getText())
        .contains("Agent TCP port must be a number from 0 to 65535")
        .contains("'99999'");
    assertThat(Files.exists(dir.resolve("console.properties"))).isFalse();

    robot.interact(
        () ->
            robot.lookup("#settings-tcp").<javafx.scene.control.TextField>query().setText("7400"));
    robot.clickOn("Save");
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> Files.exists(dir.resolve("console.properties")));
    Settings saved = Settings.load(dir.resolve("console.properties"));
    assertThat(saved.theme()).isEqualTo(Settings.Theme.DARK);
    assertThat(saved.port("tcp.port")).contains(7400);
    assertThat(javafx.application.Application.getUserAgentStylesheet()).contains("primer-dark");
    saveScreenshot(robot, "console-dark.png");
  }

  @Test
  void theAboutBoxNamesTheVersionAndTheConsoleKey(FxRobot robot) {
    robot.press(KeyCode.F1).release(KeyCode.F1);
    await()
        .atMost(Duration.ofSeconds(10))
        .ignoreExceptions()
        .untilAsserted(
            () ->
                assertThat(robot.lookup("#about-dialog .content").queryLabeled().getText())
                    .contains(
                        manager
                            .info()
                            .keyFingerprint()
                            .map(Fingerprint::parse)
                            .orElseThrow()
                            .value()));
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
