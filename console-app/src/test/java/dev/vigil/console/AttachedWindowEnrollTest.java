package dev.vigil.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vigil.agent.Agent;
import dev.vigil.common.HostPort;
import dev.vigil.console.attach.FleetApi;
import dev.vigil.console.attach.ManagerSet;
import dev.vigil.console.manager.ConsoleManager;
import dev.vigil.console.manager.ManagerConfig;
import dev.vigil.console.manager.api.AgentStatus;
import dev.vigil.console.manager.api.Operator;
import dev.vigil.console.manager.api.Role;
import dev.vigil.console.manager.operators.OperatorStore;
import dev.vigil.console.manager.store.AuditLog;
import dev.vigil.console.ui.ConsoleWindow;
import dev.vigil.console.ui.dialogs.AddAgentDialog;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javafx.scene.Node;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
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
 * Enrollment from a window attached to a real manager: the admin's Add agent… makes the token on
 * the manager, and an agent started with the line the dialog shows joins the fleet in the window; a
 * viewer is told in the manager's sentence why there is no token.
 */
@ExtendWith(ApplicationExtension.class)
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class AttachedWindowEnrollTest {
  @TempDir static Path dir;
  private static final Deque<AutoCloseable> open = new ArrayDeque<>();
  private static ConsoleManager manager;
  private static FleetApi admin;
  private static FleetApi viewer;
  private Stage stage;

  @BeforeAll
  static void attach() throws Exception {
    manager =
        new ConsoleManager(ManagerConfig.builder(dir.resolve("manager")).operatorPort(0).build());
    manager.start();
    open.push(manager);
    HostPort channel =
        new HostPort("127.0.0.1", manager.operatorListener().orElseThrow().getPort());
    Fingerprint key = Fingerprint.parse(manager.info().fingerprint());
    ManagerSet alice = new ManagerSet(dir.resolve("alice"), "alice");
    alice.start(
        channel,
        Files.readString(dir.resolve("manager").resolve(OperatorStore.ADMIN_TOKEN_FILE)).strip(),
        key);
    admin = new FleetApi(alice);
    open.push(admin);
    String invitation =
        admin
            .operatorAdmin()
            .orElseThrow()
            .invite(Operator.local(), "vera", Role.VIEWER, Duration.ofHours(1))
            .token();
    ManagerSet vera = new ManagerSet(dir.resolve("vera"), "vera");
    vera.start(channel, invitation, key);
    viewer = new FleetApi(vera);
    open.push(viewer);
  }

  @AfterAll
  static void closeAll() throws Exception {
    while (!open.isEmpty()) {
      open.pop().close();
    }
  }

  @Start
  void start(Stage stage) {
    this.stage = stage;
    FleetModel model = new FleetModel();
    admin.subscribe(model);
    admin.agents().forEach(model::agentChanged);
    new ConsoleWindow(
            model,
            new ManagerActions(admin, Operator.local()),
            "Attached to the manager",
            Settings.inMemory())
        .show(stage);
  }

  @SuppressWarnings("unchecked")
  private static TableView<AgentRow> table(FxRobot robot) {
    return robot.lookup("#agent-table").queryAs(TableView.class);
  }

  private static String text(FxRobot robot, Node dialog, String id) {
    return robot.from(dialog).lookup(id).queryAs(TextArea.class).getText();
  }

  @Test
  void anAgentStartedWithTheAttachedAdminsTokenJoinsTheFleetInTheWindow(FxRobot robot)
      throws Exception {
    robot.clickOn("#add-agent");
    Node dialog = robot.lookup("#add-agent-dialog").query();
    int agentPort = manager.info().agentListener().getPort();
    await()
        .atMost(Duration.ofSeconds(10))
        .ignoreExceptions()
        .untilAsserted(
            () ->
                assertThat(text(robot, dialog, "#enrollment-config"))
                    .contains("manager = 127.0.0.1:" + agentPort + "\n")
                    .contains("token = vgt_")
                    .contains("console-fingerprint = " + manager.info().fingerprint()));
    Matcher token =
        Pattern.compile("token = (vgt_[A-Za-z0-9_-]+)")
            .matcher(text(robot, dialog, "#enrollment-config"));
    assertThat(token.find()).isTrue();

    Agent agent = TestAgents.withToken(manager, dir.resolve("new-agent"), token.group(1));
    open.push(agent);
    String id = agent.id().toString();

    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () ->
                assertThat(
                        table(robot).getItems().stream()
                            .filter(r -> r.agentId().equals(id))
                            .map(AgentRow::getStatus))
                    .containsExactly(AgentStatus.ONLINE));
    await()
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(
            () ->
                assertThat(new AuditLog(manager.store()).entries(""))
                    .anySatisfy(
                        e -> {
                          assertThat(e.operator()).isEqualTo("alice");
                          assertThat(e.action()).isEqualTo("token");
                        }));
    robot.interact(() -> dialog.getScene().getWindow().hide());
  }

  @Test
  void aViewerIsToldInTheManagersSentenceWhyThereIsNoToken(FxRobot robot) {
    robot.interact(() -> AddAgentDialog.show(stage, new ManagerActions(viewer, Operator.local())));
    Node dialog = robot.lookup("#add-agent-dialog").query();
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                assertThat(text(robot, dialog, "#enrollment-command"))
                    .isEqualTo(
                        "Could not make a token: vera is a viewer: making enrollment tokens needs"
                            + " the admin role."));
    robot.interact(() -> dialog.getScene().getWindow().hide());
  }
}
