package dev.vigil.console.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vigil.console.ManagerActions;
import dev.vigil.console.RunningConsole;
import dev.vigil.console.manager.api.Operator;
import dev.vigil.console.ui.model.FleetModel;
import dev.vigil.console.ui.model.Settings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Labeled;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.layout.Background;
import javafx.scene.layout.BackgroundFill;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.stage.PopupWindow;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;

/**
 * A selected row in the agent table and in the alert feed is readable in both themes: every text in
 * it has a contrast of at least 4.5:1 (WCAG AA) against the row's background, as drawn.
 */
@ExtendWith(ApplicationExtension.class)
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class SelectionContrastTest {
  private static final double AA = 4.5;

  @RegisterExtension final RunningConsole console = RunningConsole.onLoopback();

  @AfterEach
  void closeWindows(FxRobot robot) {
    robot.interact(
        () ->
            List.copyOf(Window.getWindows()).stream()
                .filter(w -> w instanceof PopupWindow)
                .forEach(Window::hide));
    robot.interact(() -> List.copyOf(Window.getWindows()).forEach(Window::hide));
    robot.interact(() -> ConsoleWindow.applyTheme(Settings.Theme.LIGHT));
  }

  @ParameterizedTest
  @EnumSource(Settings.Theme.class)
  void aSelectedAgentAndASelectedCriticalAlertAreReadable(Settings.Theme theme, FxRobot robot)
      throws Exception {
    Settings settings = Settings.inMemory();
    settings.setTheme(theme);
    FleetModel model = new FleetModel();
    console.manager().subscribe(model);
    robot.interact(
        () ->
            new ConsoleWindow(
                    model,
                    new ManagerActions(console.manager(), Operator.local()),
                    "TCP 127.0.0.1:0",
                    settings)
                .show(new Stage()));
    console.alertingAgent("agent");
    TableView<?> agents = robot.lookup("#agent-table").queryTableView();
    TableView<?> feed = robot.lookup("#alert-feed").queryTableView();
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> !agents.getItems().isEmpty() && !feed.getItems().isEmpty());

    for (TableView<?> table : List.of(agents, feed)) {
      robot.interact(
          () -> {
            table.getSelectionModel().select(0);
            table.requestFocus();
          });
      await()
          .atMost(Duration.ofSeconds(10))
          .ignoreExceptions()
          .untilAsserted(
              () -> {
                List<String> texts = new ArrayList<>();
                robot.interact(() -> texts.addAll(lowContrast(selectedRow(table))));
                assertThat(texts).as("%s theme, #%s", theme, table.getId()).isEmpty();
              });
    }
  }

  private static TableRow<?> selectedRow(TableView<?> table) {
    return table.lookupAll(".table-row-cell").stream()
        .map(n -> (TableRow<?>) n)
        .filter(r -> r.getItem() != null && r.isSelected())
        .findFirst()
        .orElseThrow(() -> new AssertionError("no selected row drawn in #" + table.getId()));
  }

  /** The texts in a row, with their contrast, that read at less than 4.5:1; none when all do. */
  private static List<String> lowContrast(TableRow<?> row) {
    Color background = opaque(row).orElseThrow(() -> new AssertionError("row has no background"));
    List<String> low = new ArrayList<>();
    List<Labeled> texts = new ArrayList<>();
    collect(row, texts);
    assertThat(texts).as("texts in the selected row").isNotEmpty();
    for (Labeled l : texts) {
      Color under = opaque(l).orElse(background);
      Color fill = (Color) l.getTextFill();
      double ratio = contrast(fill, under);
      if (ratio < AA) {
        low.add(String.format("'%s' %s on %s: %.2f:1", l.getText(), fill, under, ratio));
      }
    }
    return low;
  }

  private static void collect(Node node, List<Labeled> texts) {
    if (!node.isVisible()) {
      return;
    }
    if (node instanceof Labeled l && l.getText() != null && !l.getText().isBlank()) {
      texts.add(l);
    }
    if (node instanceof Parent p) {
      p.getChildrenUnmodifiable().forEach(c -> collect(c, texts));
    }
  }

  /** The colour a region paints under its content: its last fill, if any and if opaque. */
  private static java.util.Optional<Color> opaque(Region region) {
    Background bg = region.getBackground();
    if (bg == null || bg.getFills().isEmpty()) {
      return java.util.Optional.empty();
    }
    List<BackgroundFill> fills = bg.getFills();
    if (fills.get(fills.size() - 1).getFill() instanceof Color c && c.getOpacity() > 0.99) {
      return java.util.Optional.of(c);
    }
    return java.util.Optional.empty();
  }

  /** The WCAG 2 contrast ratio of two opaque colours. */
  static double contrast(Color a, Color b) {
    double la = luminance(a);
    double lb = luminance(b);
    return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
  }

  private static double luminance(Color c) {
    return 0.2126 * linear(c.getRed())
        + 0.7152 * linear(c.getGreen())
        + 0.0722 * linear(c.getBlue());
  }

  private static double linear(double channel) {
    return channel <= 0.04045 ? channel / 12.92 : Math.pow((channel + 0.055) / 1.055, 2.4);
  }
}
