package dev.vigil.console.ui.table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vigil.console.manager.api.AgentSnapshot;
import dev.vigil.console.manager.api.AgentStatus;
import dev.vigil.console.manager.api.Role;
import dev.vigil.console.ui.ConsoleWindow;
import dev.vigil.console.ui.StandInActions;
import dev.vigil.console.ui.model.AgentRow;
import dev.vigil.console.ui.model.FleetActions;
import dev.vigil.console.ui.model.FleetModel;
import dev.vigil.protocol.message.StatsReport;
import java.time.Duration;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import javafx.application.Platform;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Labeled;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.input.ContextMenuEvent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.PickResult;
import javafx.stage.PopupWindow;
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

/**
 * Issue 20's tags and services in the window, over a model fed directly: the tag filter and the
 * grouping at 1,000 agents tagged as the swarm tags its agents (a role, a region:… key and prod or
 * staging), a command to a group asking with the count and the first hosts, and Restart service…
 * listing an agent's units. No timing is asserted.
 */
@ExtendWith(ApplicationExtension.class)
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class TagsAndServicesTest {
  private static final int AGENTS = 1_000;
  private static final List<String> ROLES = List.of("web", "db", "cache");
  private static final List<String> REGIONS =
      List.of("region:eu-west", "region:us-east", "region:ap-south");

  private final FleetModel model = new FleetModel();
  private final List<String> calls = new CopyOnWriteArrayList<>();
  private Stage stage;

  private FleetActions actions() {
    return StandInActions.recording(calls, Role.ADMIN, () -> true);
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

  /** The swarm's tags for agent {@code i} (SimulatedMachine#tags). */
  private static List<String> tags(int i) {
    return List.of(ROLES.get(i % 3), REGIONS.get((i / 3) % 3), i % 10 == 9 ? "staging" : "prod");
  }

  private static String id(int n) {
    return String.format("%08x-0000-4000-8000-%012d", n, n);
  }

  private static String host(int i) {
    return String.format("sim-%05d", i);
  }

  private void agent(int i, List<String> tags, List<String> services) {
    model.agentChanged(
        new AgentSnapshot(
            id(i),
            host(i),
            "Simulated Linux 6.1",
            "10.0." + (i / 250) + "." + (i % 250),
            AgentStatus.ONLINE,
            services.isEmpty()
                ? List.of("restart", "refresh")
                : List.of("restart", "restart-service", "refresh"),
            new StatsReport(System.currentTimeMillis(), 10, 1L << 30, 4L << 30, 100),
            System.currentTimeMillis(),
            "SHA256:" + i,
            List.of(),
            tags,
            services));
  }

  private static TableView<AgentRow> table(FxRobot robot) {
    return robot.lookup("#agent-table").queryTableView();
  }

  private static long expected(Predicate<Integer> which) {
    return IntStream.range(0, AGENTS).boxed().filter(which).count();
  }

  private void filter(FxRobot robot, String text) {
    TextField filter = robot.lookup("#agent-filter").query();
    robot.interact(() -> filter.setText(text));
  }

  @Test
  void theTagFilterAndTheGroupsWorkWithAThousandAgents(FxRobot robot) {
    IntStream.range(0, AGENTS).forEach(i -> agent(i, tags(i), List.of("nginx.service")));
    TableView<AgentRow> table = table(robot);
    await().atMost(Duration.ofSeconds(20)).until(() -> table.getItems().size() == AGENTS);

    filter(robot, "tag:web");
    assertThat(table.getItems()).hasSize((int) expected(i -> i % 3 == 0));
    assertThat(table.getItems()).allMatch(r -> r.getTags().contains("web"));
    filter(robot, "tag:web TAG:region:eu-west");
    assertThat(table.getItems())
        .hasSize((int) expected(i -> i % 3 == 0 && (i / 3) % 3 == 0))
        .allMatch(r -> r.getTags().containsAll(List.of("web", "region:eu-west")));
    // Combined with text: the host, address or OS must contain the rest.
    filter(robot, "tag:staging sim-001");
    assertThat(table.getItems())
        .extracting(AgentRow::getHostname)
        .containsExactlyInAnyOrderElementsOf(
            IntStream.range(0, AGENTS)
                .filter(i -> i % 10 == 9 && host(i).contains("sim-001"))
                .mapToObj(TagsAndServicesTest::host)
                .toList());
    filter(robot, "tag:nosuch");
    assertThat(table.getItems()).isEmpty();
    assertThat(robot.lookup("#agent-table-placeholder").queryLabeled().getText())
        .isEqualTo("No agents match 'tag:nosuch'. Press Esc to clear the filter.");
    filter(robot, "");

    // Grouped by the region key: one sort, the Group column first, the groups in label order.
    ComboBox<TagGrouping> chooser = robot.lookup("#group-chooser").queryComboBox();
    robot.interact(() -> chooser.show());
    assertThat(chooser.getItems())
        .containsExactly(TagGrouping.NONE, TagGrouping.TAGS, TagGrouping.byKey("region"));
    robot.interact(
        () -> {
          chooser.hide();
          chooser.setValue(TagGrouping.byKey("region"));
        });
    assertThat(table.getColumns().get(0).getText()).isEqualTo("Group");
    TreeMap<String, Long> sizes =
        IntStream.range(0, AGENTS)
            .mapToObj(i -> REGIONS.get((i / 3) % 3).substring("region:".length()))
            .collect(Collectors.groupingBy(r -> r, TreeMap::new, Collectors.counting()));
    List<String> labels =
        table.getItems().stream().map(r -> TagGrouping.byKey("region").label(r.getTags())).toList();
    assertThat(labels).isSortedAccordingTo(TagGrouping::compareLabels);
    assertThat(labels.stream().distinct().toList()).containsExactlyElementsOf(sizes.keySet());
    String first = sizes.firstKey();
    TableCell<?, ?> groupCell = firstGroupCell(robot);
    assertThat(groupCell.getText()).isEqualTo(first + " (" + sizes.get(first) + ")");

    // A click on the group's name selects the group; a restart asks with its count and hosts.
    robot.clickOn(groupCell);
    assertThat(table.getSelectionModel().getSelectedItems())
        .hasSize(sizes.get(first).intValue())
        .allMatch(r -> r.getTags().contains("region:" + first));
    robot.interact(table::requestFocus);
    robot.press(KeyCode.SHORTCUT, KeyCode.R).release(KeyCode.R, KeyCode.SHORTCUT);
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> robot.lookup("#confirm-restart").tryQuery().isPresent());
    assertThat(robot.lookup("#confirm-restart .header-panel .label").queryLabeled().getText())
        .isEqualTo("Restart " + sizes.get(first) + " machines?");
    String detail = robot.lookup("#confirm-restart .content").queryLabeled().getText();
    assertThat(detail)
        .contains("and " + (sizes.get(first) - 10) + " more")
        .contains("All " + sizes.get(first) + " are tagged region:" + first + ".");
    robot.clickOn("Cancel");
    assertThat(calls).noneMatch(c -> c.startsWith("send"));

    // The groups follow the filter, and grouping off puts the table back.
    filter(robot, "tag:web");
    assertThat(table.getItems()).hasSize((int) expected(i -> i % 3 == 0));
    assertThat(firstGroupCell(robot).getText()).startsWith(first + " (");
    robot.interact(() -> chooser.setValue(TagGrouping.NONE));
    assertThat(table.getColumns()).noneMatch(c -> c.getText().equals("Group"));
  }

  /** The Group cell of the table's first row, once drawn. */
  private static TableCell<?, ?> firstGroupCell(FxRobot robot) {
    robot.interact(() -> table(robot).scrollTo(0));
    return robot.lookup("#agent-table .table-row-cell").queryAllAs(TableRow.class).stream()
        .filter(r -> r.getItem() != null && r.getIndex() == 0)
        .map(r -> (TableCell<?, ?>) r.getChildrenUnmodifiable().get(0))
        .findFirst()
        .orElseThrow();
  }

  private static List<MenuItem> rowMenu(FxRobot robot, int index) {
    TableRow<?> row =
        robot
            .lookup("#agent-table .table-row-cell")
            .match(
                (Node n) ->
                    n instanceof TableRow<?> r && r.getItem() != null && r.getIndex() == index)
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
    return row.getContextMenu().getItems();
  }

  @Test
  void restartServiceListsTheAgentsUnitsAndAsksNamingUnitAndHost(FxRobot robot) {
    agent(1, List.of("web"), List.of("nginx.service", "postgresql.service"));
    agent(2, List.of("db"), List.of());
    TableView<AgentRow> table = table(robot);
    await().atMost(Duration.ofSeconds(5)).until(() -> table.getItems().size() == 2);

    Menu services =
        (Menu)
            rowMenu(robot, 0).stream()
                .filter(i -> "restart-service-item".equals(i.getId()))
                .findFirst()
                .orElseThrow();
    assertThat(services.isDisable()).isFalse();
    assertThat(services.getText()).isEqualTo("Restart service…");
    assertThat(services.getItems())
        .extracting(MenuItem::getText)
        .containsExactly("nginx.service", "postgresql.service");
    MenuItem postgres = services.getItems().get(1);
    // Not through interact: the confirmation waits for an answer inside the menu's action.
    Platform.runLater(postgres::fire);
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> robot.lookup("#confirm-restart-service").tryQuery().isPresent());
    Labeled header = robot.lookup("#confirm-restart-service .header-panel .label").queryLabeled();
    assertThat(header.getText()).isEqualTo("Restart postgresql.service on sim-00001?");
    assertThat(robot.lookup("#confirm-restart-service .content").queryLabeled().getText())
        .contains("sim-00001 (10.0.0.1)")
        .contains("'systemctl restart postgresql.service'");
    robot.clickOn("Restart");
    await()
        .atMost(Duration.ofSeconds(5))
        .until(
            () ->
                calls.contains("run [RESTART_SERVICE, " + id(1) + ", {unit=postgresql.service}]"));

    Menu none =
        (Menu)
            rowMenu(robot, 1).stream()
                .filter(i -> "restart-service-item".equals(i.getId()))
                .findFirst()
                .orElseThrow();
    assertThat(none.isDisable()).isTrue();
    assertThat(none.getText())
        .isEqualTo("Restart service… (no service allowed in the agent's config)");
    assertThat(none.getItems()).isEmpty();
  }
}
