package dev.vigil.console.ui.detail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vigil.console.manager.api.AgentSnapshot;
import dev.vigil.console.manager.api.AgentStatus;
import dev.vigil.console.ui.model.FleetActions;
import dev.vigil.protocol.message.CheckResult;
import dev.vigil.protocol.message.CheckStatus;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The Checks tab's restart button: offered for a systemd check whose unit the agent allows. */
@ExtendWith(ApplicationExtension.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ChecksTabRestartTest {
  private static final String ID = "0a1b2c3d-0000-4000-8000-000000000001";
  private final List<String> calls = new CopyOnWriteArrayList<>();
  private ChecksTab checks;
  private Stage stage;

  @Start
  void start(Stage stage) {
    this.stage = stage;
    FleetActions actions =
        (FleetActions)
            Proxy.newProxyInstance(
                FleetActions.class.getClassLoader(),
                new Class<?>[] {FleetActions.class},
                (proxy, method, args) -> {
                  calls.add(method.getName() + (args == null ? "" : " " + List.of(args)));
                  return method.getReturnType() == CompletableFuture.class
                      ? new CompletableFuture<>()
                      : null;
                });
    checks = new ChecksTab(actions);
    stage.setScene(new Scene(new TabPane(checks.tab()), 900, 500));
    stage.show();
  }

  @AfterEach
  void stop(FxRobot robot) throws Exception {
    robot.interact(
        () ->
            List.copyOf(Window.getWindows()).stream()
                .filter(w -> w != stage)
                .forEach(Window::hide));
    FxToolkit.cleanupStages();
  }

  private static CheckResult systemd(String name, String unit) {
    return new CheckResult(
        name,
        "systemd",
        CheckStatus.CRITICAL,
        true,
        unit + " is failed (failed), restarted 5 time(s)",
        1_700_000_000_000L,
        9,
        List.of(),
        unit);
  }

  @Test
  void aSystemdCheckOfAnAllowedUnitOffersItsRestartAndAsksNamingUnitAndHost(FxRobot robot) {
    AgentSnapshot web =
        new AgentSnapshot(
            ID,
            "web-01",
            "Linux",
            "10.0.0.5",
            AgentStatus.ONLINE,
            List.of("restart-service", "refresh"),
            null,
            1,
            "SHA256:k",
            List.of(),
            List.of("web"),
            List.of("nginx.service"));
    List<CheckResult> results =
        List.of(systemd("site", "nginx.service"), systemd("db", "postgresql.service"));
    robot.interact(
        () -> {
          checks.agent(web);
          checks.show(ID, results);
        });
    Button restart = robot.lookup("#restart-check-service").queryButton();
    assertThat(restart.isDisable()).isFalse();
    assertThat(restart.getText()).isEqualTo("Restart nginx.service…");

    TableView<CheckResult> table = robot.lookup("#checks-table").queryTableView();
    robot.interact(() -> table.getSelectionModel().select(1));
    assertThat(restart.isDisable()).isTrue();
    assertThat(restart.getTooltip().getText())
        .contains("does not allow restarting 'postgresql.service'");

    robot.interact(() -> table.getSelectionModel().select(0));
    // Not through interact: the confirmation waits for its answer inside the button's action.
    Platform.runLater(restart::fire);
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> robot.lookup("#confirm-restart-service").tryQuery().isPresent());
    assertThat(
            robot.lookup("#confirm-restart-service .header-panel .label").queryLabeled().getText())
        .isEqualTo("Restart nginx.service on web-01?");
    robot.clickOn("Restart");
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> calls.contains("run [RESTART_SERVICE, " + ID + ", {unit=nginx.service}]"));
  }
}
