package dev.vigil.console.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.console.ManagerActions;
import dev.vigil.console.RunningConsole;
import dev.vigil.console.manager.api.Operator;
import dev.vigil.console.ui.model.FleetModel;
import dev.vigil.console.ui.model.Settings;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;

/**
 * Opening the console window logs no CSS warning in either theme (ControlsFX's clearable field
 * logged thirteen under AtlantaFX, at every start).
 */
@ExtendWith(ApplicationExtension.class)
class CssWarningsTest {
  @RegisterExtension final RunningConsole console = RunningConsole.onLoopback();
  private final Logger css = Logger.getLogger("javafx.css");
  private final List<String> warnings = new CopyOnWriteArrayList<>();
  private final Handler collect =
      new Handler() {
        @Override
        public void publish(LogRecord record) {
          warnings.add(record.getMessage());
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };

  @BeforeEach
  void listen() {
    css.addHandler(collect);
  }

  @AfterEach
  void stop(FxRobot robot) {
    css.removeHandler(collect);
    robot.interact(() -> List.copyOf(Window.getWindows()).forEach(Window::hide));
    robot.interact(() -> ConsoleWindow.applyTheme(Settings.Theme.LIGHT));
  }

  @ParameterizedTest
  @EnumSource(Settings.Theme.class)
  void theWindowOpensWithoutCssWarnings(Settings.Theme theme, FxRobot robot) {
    Settings settings = Settings.inMemory();
    settings.setTheme(theme);
    robot.interact(
        () -> {
          Stage stage = new Stage();
          new ConsoleWindow(
                  new FleetModel(),
                  new ManagerActions(console.manager(), Operator.local()),
                  "TCP 127.0.0.1:0",
                  settings)
              .show(stage);
          stage.getScene().getRoot().applyCss();
          stage.getScene().getRoot().layout();
        });
    robot.interact(() -> {}); // one more pulse: the skins' own CSS pass
    assertThat(warnings).isEmpty();
  }
}
