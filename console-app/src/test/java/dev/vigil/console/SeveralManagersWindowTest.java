package dev.vigil.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vigil.agent.Agent;
import dev.vigil.common.HostPort;
import dev.vigil.console.attach.FleetApi;
import dev.vigil.console.attach.ManagerSet;
import dev.vigil.console.manager.ConsoleManager;
import dev.vigil.console.manager.ManagerConfig;
import dev.vigil.console.manager.api.Operator;
import dev.vigil.console.manager.operators.OperatorStore;
import dev.vigil.console.ui.ConsoleWindow;
import dev.vigil.console.ui.model.AgentRow;
import dev.vigil.console.ui.model.FleetModel;
import dev.vigil.console.ui.model.Settings;
import dev.vigil.protocol.tls.Fingerprint;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The attached window with two real managers: "Connect to manager…" refuses a wrong key with the
 * sentence and attaches with the right one, the Manager column appears, the status bar names both,
 * and a manager that stops leaves its agent in view as unreachable, not offline.
 */
@ExtendWith(ApplicationExtension.class)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class SeveralManagersWindowTest {
  @TempDir static Path dir;
  private static final Deque<AutoCloseable> open = new ArrayDeque<>();
  private static ConsoleManager east;
  private static ConsoleManager west;
  private static String westAgent;
  private static FleetApi api;

  private static ConsoleManager manager(String name) throws Exception {
    ConsoleManager m =
        new ConsoleManager(ManagerConfig.builder(dir.resolve(name)).operatorPort(0).build());
    m.start();
    open.push(m);
    return m;
  }

  private static HostPort channel(ConsoleManager m) {
    return new HostPort("127.0.0.1", m.operatorListener().orElseThrow().getPort());
  }

  private static String adminToken(String name) throws Exception {
    return Files.readString(dir.resolve(name).resolve(OperatorStore.ADMIN_TOKEN_FILE)).strip();
  }

  @BeforeAll
  static void managers() throws Exception {
    east = manager("east");
    west = manager("west");
    Agent e = TestAgents.quiet(east, dir.resolve("agent-east"));
    Agent w = TestAgents.quiet(west, dir.resolve("agent-west"));
    open.push(e);
    open.push(w);
    westAgent = w.id().toString();
    TestAgents.awaitReporting(east, e.id().toString());
    TestAgents.awaitReporting(west, westAgent);
    ManagerSet set = new ManagerSet(dir.resolve("window"), "alice");
    set.start(channel(east), adminToken("east"), Fingerprint.parse(east.info().fingerprint()));
    api = new FleetApi(set);
    open.push(api);
  }

  @AfterAll
  static void closeAll() throws Exception {
    while (!open.isEmpty()) {
      open.pop().close();
    }
  }

  @Start
  void start(Stage stage) {
    FleetModel model = new FleetModel();
    api.subscribe(model);
    api.agents().forEach(model::agentChanged);
    new ConsoleWindow(
            model,
            new ManagerActions(api, Operator.local()),
            "Attached to " + channel(east),
            Settings.inMemory())
        .show(stage);
  }

  @SuppressWarnings("unchecked")
  private static TableView<AgentRow> table(FxRobot robot) {
    return robot.lookup("#agent-table").queryAs(TableView.class);
  }

  private static TableColumn<AgentRow, ?> managerColumn(FxRobot robot) {
    return table(robot).getColumns().stream()
        .filter(c -> "manager-column".equals(c.getId()))
        .findFirst()
        .orElseThrow();
  }

  private static String text(FxRobot robot, String id) {
    return robot.lookup(id).queryAs(Label.class).getText();
  }

  @Test
  void connectToASecondManagerShowsBothFleetsAndAnUnreachableOneIsNotOffline(FxRobot robot)
      throws Exception {
    assertThat(managerColumn(robot).isVisible()).isFalse();

    robot.clickOn("Vigil").clickOn("Connect to manager…");
    robot.clickOn("#manager-address").write(channel(west).toString());
    // The east manager's key is not west's: the pin refuses it, and the dialog says so.
    robot.clickOn("#manager-fingerprint").write(east.info().fingerprint());
    robot.clickOn("#manager-token").write("not-a-token");
    robot.clickOn("#connect-manager");
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () -> assertThat(text(robot, "#connect-outcome")).contains("Could not attach"));

    String westKey = west.info().fingerprint();
    String westToken;
    try {
      westToken = adminToken("west");
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    robot.interact(
        () -> {
          robot.lookup("#manager-fingerprint").queryAs(TextField.class).setText(westKey);
          robot.lookup("#manager-token").queryAs(TextField.class).setText(westToken);
        });
    robot.clickOn("#connect-manager");

    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () -> {
              assertThat(robot.lookup("#connect-manager-dialog").tryQuery())
                  .as(() -> text(robot, "#connect-outcome"))
                  .isEmpty();
              assertThat(managerColumn(robot).isVisible()).isTrue();
              assertThat(table(robot).getItems())
                  .extracting(r -> r.managerProperty().get())
                  .containsExactlyInAnyOrder(channel(east).toString(), channel(west).toString());
              assertThat(text(robot, "#managers-status"))
                  .contains(channel(east) + " 1 agent")
                  .contains(channel(west) + " 1 agent");
            });

    String westName = channel(west).toString();
    west.close();
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () -> {
              AgentRow row =
                  table(robot).getItems().stream()
                      .filter(r -> r.agentId().equals(westAgent))
                      .findFirst()
                      .orElseThrow();
              assertThat(row.getStatus().name()).isEqualTo("UNREACHABLE");
              assertThat(text(robot, "#status-bar")).contains("1 with their manager unreachable");
              assertThat(text(robot, "#status-bar")).contains("1 online, 0 offline");
              assertThat(text(robot, "#managers-status")).contains(westName + " unreachable");
            });
    // The word is whole in the row, not "Unrea…".
    assertThat(
            org.testfx.util.WaitForAsyncUtils.asyncFx(
                    () -> dev.vigil.console.ui.window.CutLabels.in(table(robot)))
                .get(5, TimeUnit.SECONDS))
        .noneMatch(c -> c.contains("Unreachable"));
  }
}
