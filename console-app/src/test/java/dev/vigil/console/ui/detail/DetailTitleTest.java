package dev.vigil.console.ui.detail;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.console.manager.api.AgentSnapshot;
import dev.vigil.console.manager.api.AgentStatus;
import dev.vigil.console.manager.api.Role;
import dev.vigil.console.ui.StandInActions;
import dev.vigil.console.ui.model.FleetModel;
import dev.vigil.protocol.message.StatsReport;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The detail pane names the selected agent at once, from its row, while the manager's first answer
 * is still on its way (an attached console asks over the network; here it never answers).
 */
@ExtendWith(ApplicationExtension.class)
class DetailTitleTest {
  private final List<String> calls = new CopyOnWriteArrayList<>();
  private final FleetModel model = new FleetModel();
  private DetailPane pane;

  @Start
  void start(Stage stage) {
    pane = new DetailPane(StandInActions.recording(calls, Role.VIEWER, () -> false));
    stage.setScene(new Scene(new javafx.scene.layout.StackPane(pane.view()), 600, 500));
    stage.show();
  }

  @Test
  void theSelectedAgentsHostHeadsThePaneBeforeTheManagerAnswers(FxRobot robot) {
    model.agentChanged(
        new AgentSnapshot(
            "a-1",
            "web-1.example",
            "Linux",
            "10.0.0.1",
            AgentStatus.ONLINE,
            List.of("restart"),
            new StatsReport(1, 5, 1L << 30, 4L << 30, 100),
            1000,
            "SHA256:test"));
    robot.interact(
        () -> {
          model.drain();
          pane.show(model.rows().get(0));
        });
    Label title = robot.lookup(".detail-title").queryAs(Label.class);
    assertThat(title.getText()).isEqualTo("web-1.example");
    assertThat(calls).as("the manager was asked").anyMatch(c -> c.startsWith("view"));
  }
}
