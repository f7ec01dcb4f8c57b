package dev.vigil.console.ui.detail;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.console.manager.api.AlertEvent;
import dev.vigil.console.manager.api.LiveSeries;
import dev.vigil.console.manager.api.Metric;
import dev.vigil.console.manager.api.MinuteAggregate;
import dev.vigil.protocol.message.AlertReport;
import dev.vigil.protocol.message.AlertState;
import dev.vigil.protocol.message.Inventory;
import dev.vigil.protocol.message.RuleLevel;
import dev.vigil.protocol.message.Severity;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Label;
import javafx.scene.control.TabPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** Charts name their series in a legend, tell received from sent, and draw the rules' levels. */
@ExtendWith(ApplicationExtension.class)
class ChartsTabTest {
  private static final String AGENT = "00000000-0000-4000-8000-000000000001";
  private ChartsTab charts;
  private final RuleLines rules = new RuleLines();

  @Start
  void start(Stage stage) {
    charts = new ChartsTab(() -> {});
    stage.setScene(new Scene(new TabPane(charts.tab()), 700, 700));
    stage.show();
  }

  private static LiveSeries live() {
    long now = System.currentTimeMillis();
    long[] t = new long[30];
    Map<Metric, double[]> values = new EnumMap<>(Metric.class);
    for (Metric m : Metric.LIVE) {
      values.put(m, new double[30]);
    }
    for (int i = 0; i < 30; i++) {
      t[i] = now - (30 - i) * 1000L;
      for (Metric m : Metric.LIVE) {
        values.get(m)[i] = 40 + i;
      }
    }
    return new LiveSeries(t, values);
  }

  @SuppressWarnings("unchecked")
  private List<LineChart<Number, Number>> views(FxRobot robot) {
    List<LineChart<Number, Number>> all = new ArrayList<>();
    for (Node n : charts.tab().getContent().lookupAll(".detail-chart")) {
      all.add((LineChart<Number, Number>) n);
    }
    return all; // CPU, memory, network, in layout order
  }

  private static List<String> legend(LineChart<Number, Number> chart) {
    if (!chart.isLegendVisible()) {
      return List.of();
    }
    return chart.lookupAll(".chart-legend-item").stream().map(n -> ((Label) n).getText()).toList();
  }

  private static AlertEvent alert(long id, Severity severity, AlertState state, double line) {
    long now = System.currentTimeMillis();
    return new AlertEvent(
        id,
        AGENT,
        "node-1",
        new AlertReport(id, "cpu", severity, state, 95, line, now, "CPU at 95 %"),
        AlertEvent.Channel.UDP,
        now,
        false);
  }

  @Test
  void networkShowsReceivedAndSentInALegendAndOneSeriesHasNone(FxRobot robot) {
    robot.interact(() -> charts.showLive(live(), ChartRange.MINUTES_15));

    List<LineChart<Number, Number>> v = views(robot);
    assertThat(legend(v.get(2))).containsExactly("Received", "Sent");
    assertThat(legend(v.get(0))).isEmpty();
    assertThat(v.get(2).lookupAll(".default-color0.chart-series-line")).hasSize(1);
    assertThat(v.get(2).lookupAll(".default-color1.chart-series-line")).hasSize(1);
  }

  @Test
  void averageAndPeakAreNamedInTheLegend(FxRobot robot) {
    long minute = System.currentTimeMillis() / 60_000 * 60_000;
    Map<Metric, List<MinuteAggregate>> h = new EnumMap<>(Metric.class);
    for (Metric metric : Metric.LIVE) {
      h.put(metric, List.of(new MinuteAggregate(AGENT, minute - 60_000, metric, 60, 20, 30, 50)));
    }
    robot.interact(() -> charts.showHistory(h, ChartRange.HOUR));

    assertThat(legend(views(robot).get(0))).containsExactly("CPU, average", "CPU, peak");
    assertThat(legend(views(robot).get(1))).containsExactly("Memory, average", "Memory, peak");
  }

  @Test
  void theCpuChartDrawsTheLevelsOfTheRuleSeenInItsAlerts(FxRobot robot) {
    robot.interact(
        () -> {
          rules.learn(
              List.of(
                  alert(1, Severity.CRITICAL, AlertState.FIRING, 90),
                  alert(2, Severity.CRITICAL, AlertState.RESOLVED, 80)));
          charts.showLive(live(), ChartRange.MINUTES_15);
          charts.showLines(rules.of(AGENT, "cpu"), rules.of(AGENT, "memory"));
        });

    LineChart<Number, Number> cpu = views(robot).get(0);
    assertThat(legend(cpu)).containsExactly("CPU", "critical 90 %", "clear 80 %");
    XYChart.Series<Number, Number> critical = cpu.getData().get(1);
    assertThat(critical.getData()).extracting(d -> d.getYValue().doubleValue()).containsOnly(90.0);
    assertThat(critical.getData())
        .extracting(d -> d.getXValue().doubleValue())
        .doesNotHaveDuplicates();
    assertThat(critical.getNode().getStyleClass()).contains("threshold-line", "threshold-critical");
    assertThat(legend(views(robot).get(1))).isEmpty(); // memory: no rule seen, one series
    assertThat(rules.of("another-agent", "cpu")).isEmpty();
  }

  @Test
  void inALowPaneTheChartsKeepTheirSizeAndTheLastOneScrollsIntoViewWhole(FxRobot robot) {
    ChartsTab low = new ChartsTab(() -> {});
    Stage[] stage = new Stage[1];
    robot.interact(
        () -> {
          stage[0] = new Stage();
          stage[0].setScene(new Scene(new TabPane(low.tab()), 500, 330));
          stage[0].show();
        });
    Node content = low.tab().getContent();
    javafx.scene.control.ScrollPane scroll =
        (javafx.scene.control.ScrollPane) content.lookup(".scroll-pane");
    // #17: at the window's default size the network chart was cut off with no way to see it.
    assertThat(scroll).as("the charts scroll when the pane is low").isNotNull();
    robot.interact(() -> scroll.setVvalue(scroll.getVmax()));
    robot.interact(() -> content.getScene().getRoot().layout());
    List<Node> shown = new ArrayList<>(content.lookupAll(".detail-chart"));
    Node network = shown.get(shown.size() - 1);
    javafx.geometry.Bounds chart = network.localToScene(network.getLayoutBounds());
    javafx.geometry.Bounds view = scroll.localToScene(scroll.getLayoutBounds());
    assertThat(chart.getMaxY()).isLessThanOrEqualTo(view.getMaxY() + 1);
    assertThat(chart.getMinY()).isGreaterThanOrEqualTo(view.getMinY() - 1);
    assertThat(shown)
        .allSatisfy(c -> assertThat(c.getLayoutBounds().getHeight()).isGreaterThan(100));
    robot.interact(stage[0]::hide);
  }

  /** Before: no line until the rule had alerted since the console started. */
  @Test
  void theChartsDrawTheLevelsTheInventoryReportsBeforeAnyAlert(FxRobot robot) {
    Inventory inventory =
        new Inventory(
            "node-1",
            "Linux",
            "6.1",
            "amd64",
            "Xeon",
            2,
            4,
            1L << 30,
            List.of(),
            "0.1.0",
            List.of(),
            List.of(
                new RuleLevel("memory", 80.0, 90.0, 70, 30_000),
                new RuleLevel("cpu", null, 95.0, 85, 0)));
    robot.interact(
        () -> {
          // An alert seen earlier says 90; the agent's own report wins.
          rules.learn(List.of(alert(1, Severity.CRITICAL, AlertState.FIRING, 90)));
          charts.showLive(live(), ChartRange.MINUTES_15);
          charts.showLines(rules.of(AGENT, "cpu", inventory), rules.of(AGENT, "memory", inventory));
        });

    assertThat(legend(views(robot).get(0))).containsExactly("CPU", "critical 95 %", "clear 85 %");
    assertThat(legend(views(robot).get(1)))
        .containsExactly("Memory", "critical 90 %", "warning 80 %", "clear 70 %");
    // An older agent's inventory has no rules: what its alerts taught is drawn instead.
    Inventory old =
        new Inventory(
            "node-1", "Linux", "6.1", "amd64", "Xeon", 2, 4, 1L << 30, List.of(), "0.1.0",
            List.of());
    assertThat(rules.of(AGENT, "cpu", old)).extracting(RuleLines.Line::value).containsExactly(90.0);
    assertThat(rules.of(AGENT, "memory", null)).isEmpty();
  }
}
