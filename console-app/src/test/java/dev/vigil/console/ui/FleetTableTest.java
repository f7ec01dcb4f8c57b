package dev.vigil.console.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vigil.console.manager.api.AgentSnapshot;
import dev.vigil.console.manager.api.AgentStatus;
import dev.vigil.console.manager.api.Role;
import dev.vigil.console.ui.model.AgentRow;
import dev.vigil.console.ui.model.FleetActions;
import dev.vigil.console.ui.model.FleetModel;
import dev.vigil.protocol.message.StatsReport;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import javafx.application.Platform;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.control.Labeled;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.input.ContextMenuEvent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.PickResult;
import javafx.stage.PopupWindow;
import javafx.stage.Stage;
import javafx.stage.Window;
import javafx.stage.WindowEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * #17, points 4, 6, 8, 12 and 13, as an operator meets them in the first ten minutes: the window
 * over a model fed directly, so values change exactly when the test says.
 */
@ExtendWith(ApplicationExtension.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class FleetTableTest {
  private final FleetModel model = new FleetModel();
  private final List<String> calls = new CopyOnWriteArrayList<>();
  private Stage stage;
  private volatile boolean attached;

  /** Records what the window asks of the manager; futures that never complete. */
  private FleetActions actions() {
    return actions(Role.ADMIN);
  }

  private FleetActions actions(Role as) {
    return StandInActions.recording(calls, as, () -> !attached); // embedded unless it attaches
  }

  @Start
  void start(Stage stage) {
    this.stage = stage;
    new ConsoleWindow(model, actions(), "TCP 127.0.0.1:1  ·  UDP 127.0.0.1:2").show(stage);
  }

  @AfterEach
  void stop(FxRobot robot) throws Exception {
    robot.interact(
        () ->
            List.copyOf(Window.getWindows()).stream()
                .filter(w -> w instanceof PopupWindow || w != stage)
                .forEach(Window::hide));
    FxToolkit.cleanupStages();
  }

  private void agent(String id, String host, AgentStatus status, double cpu) {
    model.agentChanged(
        new AgentSnapshot(
            id,
            host,
            "Debian GNU/Linux 12",
            "10.0.0.7",
            status,
            List.of("restart", "refresh"),
            status == AgentStatus.PENDING
                ? null
                : new StatsReport(System.currentTimeMillis(), cpu, 1L << 30, 4L << 30, 100),
            System.currentTimeMillis(),
            "SHA256:" + id));
  }

  private static String id(int n) {
    return String.format("%08x-0000-4000-8000-%012d", n * 0x1111111, n);
  }

  private static TableView<AgentRow> table(FxRobot robot) {
    return robot.lookup("#agent-table").queryTableView();
  }

  private static List<String> order(TableView<AgentRow> table) {
    return table.getItems().stream().map(AgentRow::getHostname).toList();
  }

  @Test
  void sortedByCpuStaysSortedWhileValuesChangeKeepingTheSelection(FxRobot robot) {
    agent(id(1), "low", AgentStatus.ONLINE, 10);
    agent(id(2), "mid", AgentStatus.ONLINE, 50);
    agent(id(3), "high", AgentStatus.ONLINE, 90);
    TableView<AgentRow> table = table(robot);
    await().atMost(Duration.ofSeconds(5)).until(() -> table.getItems().size() == 3);
    robot.interact(
        () -> {
          TableColumn<AgentRow, ?> cpu =
              table.getColumns().stream().filter(c -> c.getText().equals("CPU")).findFirst().get();
          cpu.setSortType(TableColumn.SortType.DESCENDING);
          table.getSortOrder().setAll(List.of(cpu));
          table.getSelectionModel().clearSelection();
          table.getSelectionModel().select(1); // "mid"
        });
    assertThat(order(table)).containsExactly("high", "mid", "low");

    agent(id(1), "low", AgentStatus.ONLINE, 99); // values change in place, no list change
    agent(id(3), "high", AgentStatus.ONLINE, 5);
    // Before #17 the order froze at the click: low stayed last with 99 %.
    await()
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(() -> assertThat(order(table)).containsExactly("low", "mid", "high"));
    assertThat(table.getSelectionModel().getSelectedItems())
        .extracting(AgentRow::getHostname)
        .containsExactly("mid");
  }

  @Test
  void agentsWithTheSameNameAtTheSameAddressAreToldApartAndNeverSwapWhenFiltered(FxRobot robot) {
    agent(id(7), "vm", AgentStatus.ONLINE, 10);
    agent(id(3), "vm", AgentStatus.ONLINE, 20);
    agent(id(5), "web", AgentStatus.ONLINE, 30);
    TableView<AgentRow> table = table(robot);
    await().atMost(Duration.ofSeconds(5)).until(() -> table.getItems().size() == 3);
    String first = "vm (" + id(3).substring(0, 8) + ")";
    String second = "vm (" + id(7).substring(0, 8) + ")";
    assertThat(hostCells(robot))
        .as(
            () ->
                table.getSortOrder().stream().map(c -> c.getText() + " " + c.getSortType()).toList()
                    + " items "
                    + order(table))
        .containsExactly(first, second, "web");

    TextField filter = robot.lookup("#agent-filter").query();
    for (String text : List.of("vm", "10.0.0.7", "", "vm")) {
      robot.interact(() -> filter.setText(text));
      assertThat(hostCells(robot)).as(text).startsWith(first, second);
    }
    robot.interact(() -> filter.setText(id(7).substring(0, 6)));
    assertThat(hostCells(robot)).containsExactly(second);
  }

  @Test
  void aNarrowHostColumnCutsNamesInTheMiddleSoTheIdThatTellsThemApartStaysInView(FxRobot robot) {
    agent(id(7), "build-server-frankfurt", AgentStatus.ONLINE, 10);
    agent(id(3), "build-server-frankfurt", AgentStatus.ONLINE, 20);
    TableView<AgentRow> table = table(robot);
    await().atMost(Duration.ofSeconds(5)).until(() -> table.getItems().size() == 2);
    robot.interact(() -> table.getColumns().get(0).setMaxWidth(110));
    robot.interact(table::layout);
    // Cut at the end, both rows read "build-serv…": the walk-through with a re-run swarm (#17).
    List<String> drawn =
        robot.lookup("#agent-table .table-row-cell").queryAllAs(TableRow.class).stream()
            .filter(r -> r.getItem() != null)
            .map(r -> ((TableCell<?, ?>) r.getChildrenUnmodifiable().get(0)).lookup(".text"))
            .map(t -> ((javafx.scene.text.Text) t).getText())
            .toList();
    assertThat(drawn)
        .hasSize(2)
        .allSatisfy(t -> assertThat(t).startsWith("buil").endsWith(")").hasSizeLessThan(25))
        .doesNotHaveDuplicates();
  }

  private static List<String> hostCells(FxRobot robot) {
    return robot.lookup("#agent-table .table-row-cell").queryAllAs(TableRow.class).stream()
        .filter(r -> r.getItem() != null)
        .sorted((a, b) -> Integer.compare(a.getIndex(), b.getIndex()))
        .map(r -> ((TableCell<?, ?>) r.getChildrenUnmodifiable().get(0)).getText())
        .toList();
  }

  @Test
  void aFilterThatMatchesNothingSaysSoAndEscClearsIt(FxRobot robot) {
    TableView<AgentRow> table = table(robot);
    Labeled placeholder = robot.lookup("#agent-table-placeholder").queryLabeled();
    assertThat(placeholder.getText()).startsWith("No agents yet.");
    agent(id(1), "web-01", AgentStatus.ONLINE, 10);
    await().atMost(Duration.ofSeconds(5)).until(() -> table.getItems().size() == 1);

    robot.clickOn("#agent-filter").write("xyz");
    assertThat(table.getItems()).isEmpty();
    // Before #17: "No agents yet. Click 'Add agent…'", with an agent right there.
    assertThat(placeholder.getText())
        .isEqualTo("No agents match 'xyz'. Press Esc to clear the filter.");
    robot.type(KeyCode.ESCAPE);
    assertThat(robot.lookup("#agent-filter").queryTextInputControl().getText()).isEmpty();
    assertThat(table.getItems()).hasSize(1);
  }

  @Test
  void forgetOnManyAgentsNamesTenCountsTheRestAndWarnsAboutTheOnlineOnes(FxRobot robot) {
    IntStream.rangeClosed(1, 25)
        .forEach(
            n -> agent(id(n), "vm-" + n, n <= 3 ? AgentStatus.ONLINE : AgentStatus.OFFLINE, 1));
    TableView<AgentRow> table = table(robot);
    await().atMost(Duration.ofSeconds(5)).until(() -> table.getItems().size() == 25);
    robot.interact(() -> table.getSelectionModel().selectAll());
    robot.interact(() -> table.requestFocus());
    robot.type(KeyCode.DELETE); // Forget…'s shortcut
    Labeled header = robot.lookup("#confirm-forget .header-panel .label").queryLabeled();
    assertThat(header.getText()).isEqualTo("Forget 25 agents?");
    String detail = robot.lookup("#confirm-forget .content").queryLabeled().getText();
    assertThat(detail)
        .contains("and 15 more")
        .contains("3 of them are online now")
        .doesNotContain("vm-25");
    robot.clickOn("Cancel");
    assertThat(calls).noneMatch(c -> c.startsWith("forget"));
  }

  @Test
  void theRowMenuOffersRejectOnlyToAnAgentAwaitingApproval(FxRobot robot) {
    agent(id(1), "web-01", AgentStatus.ONLINE, 10);
    TableView<AgentRow> table = table(robot);
    await().atMost(Duration.ofSeconds(5)).until(() -> table.getItems().size() == 1);
    TableRow<?> row =
        robot
            .lookup("#agent-table .table-row-cell")
            .match((Node n) -> n instanceof TableRow<?> r && r.getItem() != null)
            .query();
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
    List<MenuItem> items = row.getContextMenu().getItems();
    assertThat(
            items.stream()
                .filter(i -> "reject-item".equals(i.getId()))
                .findFirst()
                .get()
                .isVisible())
        .isFalse();
    assertThat(
            items.stream()
                .filter(i -> "approve-item".equals(i.getId()))
                .findFirst()
                .get()
                .isVisible())
        .isFalse();
    assertThat(
            items.stream()
                .filter(i -> "forget-item".equals(i.getId()))
                .findFirst()
                .get()
                .isVisible())
        .isTrue();
    robot.interact(() -> row.getContextMenu().hide());
  }

  @Test
  void quitWithAgentsConnectedSaysWhatHappensAndCanBeCancelled(FxRobot robot) {
    agent(id(1), "web-01", AgentStatus.ONLINE, 10);
    agent(id(2), "db-01", AgentStatus.ONLINE, 10);
    await().atMost(Duration.ofSeconds(5)).until(() -> model.onlineProperty().get() == 2);
    // Not through interact: the dialog waits for an answer inside the close request.
    Platform.runLater(
        () -> stage.fireEvent(new WindowEvent(stage, WindowEvent.WINDOW_CLOSE_REQUEST)));
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> robot.lookup("#confirm-quit").tryQuery().isPresent());
    assertThat(robot.lookup("#confirm-quit .content").queryLabeled().getText())
        .isEqualTo(
            "2 agents are connected; they will keep running and reconnect when the console starts"
                + " again. Alerts are not watched while it is closed.");
    robot.clickOn("Cancel");
    assertThat(stage.isShowing()).isTrue();

    Platform.runLater(
        () -> stage.fireEvent(new WindowEvent(stage, WindowEvent.WINDOW_CLOSE_REQUEST)));
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> robot.lookup("#confirm-quit").tryQuery().isPresent());
    robot.clickOn("Quit");
    await().atMost(Duration.ofSeconds(5)).until(() -> !stage.isShowing());
  }

  @Test
  void anAttachedConsoleQuitsWithoutAskingForTheManagerWatchesOn(FxRobot robot) {
    attached = true;
    agent(id(1), "web-01", AgentStatus.ONLINE, 10);
    await().atMost(Duration.ofSeconds(5)).until(() -> model.onlineProperty().get() == 1);
    // It said "Alerts are not watched while it is closed", untrue of a manager running elsewhere.
    Platform.runLater(
        () -> stage.fireEvent(new WindowEvent(stage, WindowEvent.WINDOW_CLOSE_REQUEST)));
    await().atMost(Duration.ofSeconds(5)).until(() -> !stage.isShowing());
    assertThat(robot.lookup("#confirm-quit").tryQuery()).isEmpty();
  }

  @Test
  void aViewersFeedOffersNoAcknowledgeOrSnoozeButSaysWhichRoleWould(FxRobot robot) {
    FleetModel viewed = new FleetModel();
    robot.interact(
        () -> {
          Stage viewer = new Stage();
          new ConsoleWindow(viewed, actions(Role.VIEWER), "Attached as vera (viewer)").show(viewer);
        });
    long now = System.currentTimeMillis();
    dev.vigil.console.manager.api.AlertEvent cause =
        new dev.vigil.console.manager.api.AlertEvent(
            1,
            id(1),
            "web-01",
            new dev.vigil.protocol.message.AlertReport(
                1,
                "cpu",
                dev.vigil.protocol.message.Severity.WARNING,
                dev.vigil.protocol.message.AlertState.FIRING,
                95,
                90,
                now,
                "CPU at 95 %"),
            dev.vigil.console.manager.api.AlertEvent.Channel.TCP,
            now,
            false);
    viewed.problemChanged(
        new dev.vigil.console.manager.api.ProblemChange(
            new dev.vigil.console.manager.api.Problem(
                1,
                id(1),
                "web-01",
                "cpu",
                dev.vigil.protocol.message.Severity.WARNING,
                dev.vigil.protocol.message.AlertState.FIRING,
                now,
                now,
                95,
                "CPU at 95 %",
                1,
                "",
                0,
                "",
                0),
            dev.vigil.console.manager.api.ProblemChange.Kind.OPENED,
            cause));
    // Before: both were offered, and a viewer's snooze failed in silence (the manager refuses it).
    await()
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(
            () -> {
              List<MenuItem> items =
                  robot.lookup(".table-row-cell").queryAllAs(TableRow.class).stream()
                      .filter(r -> r.getTableView().getId().equals("alert-feed"))
                      .filter(r -> r.getItem() != null && r.getContextMenu() != null)
                      .filter(r -> r.getScene().getWindow() != stage)
                      .flatMap(r -> r.getContextMenu().getItems().stream())
                      .toList();
              assertThat(items).isNotEmpty();
              assertThat(items)
                  .allSatisfy(
                      i -> {
                        assertThat(i.isDisable()).isTrue();
                        assertThat(i.getText()).endsWith("(needs the operator role)");
                      });
            });
  }
}
