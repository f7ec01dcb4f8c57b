package dev.vigil.console.ui.detail;

import static dev.vigil.console.ui.detail.ChartBuckets.bucket;
import static dev.vigil.console.ui.detail.ChartBuckets.minutes;

import dev.vigil.console.manager.api.LiveSeries;
import dev.vigil.console.manager.api.Metric;
import dev.vigil.console.manager.api.MinuteAggregate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tab;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * The detail pane's Charts tab: CPU, memory and network (received and sent) over a chosen range,
 * from the live samples or, for longer ranges, from the store's minutes (mean and peak), with the
 * CPU and memory rules' levels where known. FX thread only.
 */
final class ChartsTab {
  private static final double KIB = 1024;

  private final ToggleGroup ranges = new ToggleGroup();
  private final TimeChart cpu = new TimeChart("CPU %", true);
  private final TimeChart memory = new TimeChart("Memory %", true);
  private final TimeChart network = new TimeChart("Network, KiB/s", false);
  private final Tab tab;

  /**
   * @param rangeChanged called when the operator picks another range
   */
  ChartsTab(Runnable rangeChanged) {
    HBox rangeBar = new HBox(4);
    rangeBar.setAlignment(Pos.CENTER_LEFT);
    for (ChartRange r : ChartRange.values()) {
      ToggleButton b = new ToggleButton(r.label);
      b.setUserData(r);
      b.setToggleGroup(ranges);
      b.getStyleClass().add("range-button");
      b.setId("range-" + r.name().toLowerCase(Locale.ROOT));
      rangeBar.getChildren().add(b);
    }
    ranges.selectToggle(ranges.getToggles().get(0));
    ranges
        .selectedToggleProperty()
        .addListener(
            (obs, was, now) -> {
              if (now == null) {
                ranges.selectToggle(was); // one range is always chosen
              } else {
                rangeChanged.run();
              }
            });

    VBox charts = new VBox(4, cpu.view(), memory.view(), network.view());
    for (TimeChart c : charts()) {
      VBox.setVgrow(c.view(), Priority.ALWAYS);
    }
    // The charts share the pane's height and scroll below their smallest size, so the last one
    // is never cut off at the window's default size (#17); the range bar stays in view.
    ScrollPane scroll = new ScrollPane(charts);
    scroll.setFitToWidth(true);
    scroll.setFitToHeight(true);
    scroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
    scroll.getStyleClass().add("edge-to-edge");
    VBox.setVgrow(scroll, Priority.ALWAYS);
    VBox content = new VBox(4, rangeBar, scroll);
    content.setPadding(new Insets(4));
    tab = new Tab("Charts", content);
    tab.setId("tab-charts");
  }

  Tab tab() {
    return tab;
  }

  private List<TimeChart> charts() {
    return List.of(cpu, memory, network);
  }

  /** The range the operator chose. */
  ChartRange range() {
    return (ChartRange) ranges.getSelectedToggle().getUserData();
  }

  /** Empties the charts, for another agent. */
  void clear() {
    charts().forEach(TimeChart::clear);
  }

  /** Draws the known levels of the CPU and memory rules. */
  void showLines(List<RuleLines.Line> cpuLines, List<RuleLines.Line> memoryLines) {
    cpu.setLines(cpuLines);
    memory.setLines(memoryLines);
  }

  /** Draws the live samples that fall in a live range. */
  void showLive(LiveSeries live, ChartRange r) {
    long[] t = live.timesMillis();
    int start = ChartBuckets.firstAtOrAfter(t, spanAxes(r));
    cpu.setSeries(0, "CPU", bucket(t, live.of(Metric.CPU), start, 1, false));
    memory.setSeries(0, "Memory", bucket(t, live.of(Metric.MEMORY), start, 1, false));
    network.setSeries(0, "Received", bucket(t, live.of(Metric.NET_IN), start, KIB, false));
    network.setSeries(1, "Sent", bucket(t, live.of(Metric.NET_OUT), start, KIB, false));
  }

  /** Draws stored minutes over a longer range: mean and peak for CPU and memory. */
  void showHistory(Map<Metric, List<MinuteAggregate>> h, ChartRange r) {
    spanAxes(r);
    cpu.setSeries(0, "CPU, average", minutes(h.get(Metric.CPU), false, 1));
    cpu.setSeries(1, "CPU, peak", minutes(h.get(Metric.CPU), true, 1));
    memory.setSeries(0, "Memory, average", minutes(h.get(Metric.MEMORY), false, 1));
    memory.setSeries(1, "Memory, peak", minutes(h.get(Metric.MEMORY), true, 1));
    network.setSeries(0, "Received", minutes(h.get(Metric.NET_IN), false, KIB));
    network.setSeries(1, "Sent", minutes(h.get(Metric.NET_OUT), false, KIB));
  }

  /** Spans every chart's time axis over the range up to now; returns where it starts. */
  private long spanAxes(ChartRange r) {
    long now = System.currentTimeMillis();
    long from = now - r.span.toMillis();
    for (TimeChart c : charts()) {
      c.setAxis(from, now, r);
    }
    return from;
  }
}
