package dev.vigil.console.ui.controls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * Column titles stay whole in a constrained table whose last column takes what is left, as the
 * agent table's "Last command" does, also when the desktop's font arrives after the first layout
 * (#17: "Last comman…" at the window's default size).
 */
@ExtendWith(ApplicationExtension.class)
class ColumnHeadersTest {
  private TableView<String> table;

  @Start
  void start(Stage stage) {
    table = new TableView<>();
    TableColumn<String, String> host = new TableColumn<>("Host");
    host.setPrefWidth(300);
    TableColumn<String, String> last = new TableColumn<>("Last command");
    last.setPrefWidth(200);
    table.getColumns().setAll(List.of(host, last));
    table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
    table.setTableMenuButtonVisible(true);
    ColumnHeaders.neverCut(table);
    stage.setScene(new Scene(table, 420, 200));
    stage.show();
  }

  private static <T> T onFx(Supplier<T> what) throws Exception {
    CompletableFuture<T> result = new CompletableFuture<>();
    Platform.runLater(() -> result.complete(what.get()));
    return result.get(10, TimeUnit.SECONDS);
  }

  /** The title each header draws, ellipsis included. */
  private List<String> drawnTitles() {
    return table.lookupAll(".column-header .label").stream()
        .map(Label.class::cast)
        .map(ColumnHeadersTest::drawn)
        .toList();
  }

  private static String drawn(Label label) {
    for (Node child : label.getChildrenUnmodifiable()) {
      if (child instanceof Text text) {
        return text.getText();
      }
    }
    return "";
  }

  @Test
  void titlesStayWholeWhenALargerFontArrivesAfterTheFirstLayout(FxRobot robot) throws Exception {
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () -> assertThat(onFx(this::drawnTitles)).containsExactly("Host", "Last command"));

    robot.interact(() -> table.setStyle("-fx-font-size: 22px;"));

    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () -> assertThat(onFx(this::drawnTitles)).containsExactly("Host", "Last command"));
  }
}
