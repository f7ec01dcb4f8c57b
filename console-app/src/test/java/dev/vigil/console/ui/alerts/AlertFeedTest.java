package dev.vigil.console.ui.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vigil.agent.Agent;
import dev.vigil.console.ManagerActions;
import dev.vigil.console.TestAgents;
import dev.vigil.console.manager.ConsoleManager;
import dev.vigil.console.manager.ManagerConfig;
import dev.vigil.console.manager.api.AlertQuery;
import dev.vigil.console.manager.api.Operator;
import dev.vigil.console.ui.ConsoleWindow;
import dev.vigil.console.ui.model.AlertEntry;
import dev.vigil.console.ui.model.FleetModel;
import dev.vigil.console.ui.model.Settings;
import dev.vigil.protocol.message.AlertState;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.stage.PopupWindow;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The window's alert feed shows problems, not events (issue 17: "each demo restart added another
 * FIRING CPU alert", "acknowledged alerts looked like new ones; a snooze was invisible"): one line
 * per problem through an agent's restart, with badges that say who acknowledged and snoozed it and
 * until when, and the status bar counts the manager's problems.
 */
@ExtendWith(ApplicationExtension.class)
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class AlertFeedTest {
  @TempDir Path dir;
  private ConsoleManager manager;
  private Agent agent;

  @Start
  void start(Stage stage) throws IOException {
    manager = new ConsoleManager(ManagerConfig.loopbackAnyPort(dir.resolve("console")));
    manager.start();
    FleetModel model = new FleetModel();
    manager.subscribe(model);
    new ConsoleWindow(
            model,
            new ManagerActions(manager, Operator.local()),
            "TCP 127.0.0.1:" + manager.info().agentListener().getPort(),
            Settings.load(dir.resolve("console.properties")))
        .show(stage);
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

  private static String badge(FxRobot robot, String kind) {

    return robot
        .lookup("#alert-feed ." + kind)
        .tryQuery()
        .map(n -> ((Label) n).getText())
        .orElse("");
  }

  @Test
  void oneLinePerProblemThroughAnAgentRestartWithWhoAcknowledgedAndSnoozedIt(FxRobot robot)
      throws Exception {
    agent = TestAgents.alerting(manager, dir.resolve("agent"));
    String id = agent.id().toString();
    TableView<AlertEntry> feed = robot.lookup("#alert-feed").queryTableView();
    await().atMost(Duration.ofSeconds(20)).until(() -> feed.getItems().size() == 1);
    AlertEntry cpu = feed.getItems().get(0);
    assertThat(cpu.rule()).isEqualTo("cpu");
    assertThat(badge(robot, "badge-acknowledged")).isEmpty();

    Instant until = Instant.now().plus(Duration.ofHours(2));
    assertThat(manager.acknowledge(new Operator("alice", "test"), cpu.id(), "on it")).isTrue();
    manager.snooze(new Operator("bob", "test"), id, "cpu", until);
    String hhmm =
        DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneId.systemDefault()).format(until);
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () -> {
              assertThat(feed.getItems().get(0).acknowledgedBy()).isEqualTo("alice");
              assertThat(feed.getItems().get(0).snoozedBy()).isEqualTo("bob");
              assertThat(badge(robot, "badge-acknowledged")).startsWith("Acked by alice ");
              assertThat(badge(robot, "badge-snoozed")).isEqualTo("Snoozed by bob until " + hhmm);
            });

    // The agent restarts with its rule still firing: the same problem, the same line.
    agent.close();
    await().atMost(Duration.ofSeconds(20)).until(() -> feed.getItems().size() == 2);
    agent = TestAgents.restartedAlerting(manager, dir.resolve("agent"), agent.id());
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                manager.alertHistory(AlertQuery.newest(100)).stream()
                        .filter(e -> e.alert().rule().equals("cpu"))
                        .filter(e -> e.alert().state() == AlertState.FIRING)
                        .count()
                    == 2);
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () -> {
              assertThat(feed.getItems())
                  .as("the offline problem resolved and left; the cpu one is the same line")
                  .singleElement()
                  .satisfies(
                      e -> {
                        assertThat(e.problemId()).isEqualTo(cpu.problemId());
                        assertThat(e.acknowledgedBy()).isEqualTo("alice");
                      });
              assertThat(robot.lookup("#status-bar").queryLabeled().getText())
                  .contains("1 problem firing");
            });
    assertThat(manager.problems()).hasSize(1);
    assertThat(badge(robot, "badge-snoozed")).startsWith("Snoozed by bob");
  }
}
