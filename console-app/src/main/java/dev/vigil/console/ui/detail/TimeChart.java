package dev.vigil.console.ui.detail;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.util.StringConverter;

/**
 * A line chart of one or two series over a time axis in seconds, updated in place, with dashed
 * horizontal lines for a rule's levels; a legend names the series whenever there are two or more.
 */
final class TimeChart {
  private static final DateTimeFormatter CLOCK =
      DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneId.systemDefault());
  private static final DateTimeFormatter DAY_CLOCK =
      DateTimeFormatter.ofPattern("d MMM HH:mm").withZone(ZoneId.systemDefault());

  private final NumberAxis x = new NumberAxis();
  private final NumberAxis y = new NumberAxis();
  private final LineChart<Number, Number> view = new LineChart<>(x, y);
  private final List<XYChart.Series<Number, Number>> measured = new ArrayList<>();
  private final List<XYChart.Series<Number, Number>> levels = new ArrayList<>();
  private List<RuleLines.Line> lines = List.of();

  /**
   * @param percent whether values are percentages: a fixed 0-100 axis
   */
  TimeChart(String name, boolean percent) {
    view.setTitle(name);
    view.setAnimated(false);
    view.setCreateSymbols(false);
    view.setLegendVisible(false);
    view.setMinHeight(120);
    view.setPrefHeight(170);
    view.getStyleClass().add("detail-chart");
    x.setAutoRanging(false);
    x.setForceZeroInRange(false);
    x.setMinorTickVisible(false);
    y.setForceZeroInRange(true);
    if (percent) {
      y.setAutoRanging(false);
      y.setLowerBound(0);
      y.setUpperBound(100);
      y.setTickUnit(25);
    }
    y.setMinorTickVisible(false);
    view.setHorizontalGridLinesVisible(true);
    view.setVerticalGridLinesVisible(false);
  }

  LineChart<Number, Number> view() {
    return view;
  }

  void clear() {
    view.getData().clear();
    measured.clear();
    levels.clear();
    lines = List.of();
    view.setLegendVisible(false);
  }

  /** Spans the time axis over a range ending now; a day or more shows dates. */
  void setAxis(long fromMillis, long toMillis, ChartRange r) {
    x.setLowerBound(fromMillis / 1000.0);
    x.setUpperBound(toMillis / 1000.0);
    x.setTickUnit((toMillis - fromMillis) / 1000.0 / 5);
    DateTimeFormatter f = r.span.compareTo(Duration.ofDays(1)) >= 0 ? DAY_CLOCK : CLOCK;
    x.setTickLabelFormatter(
        new StringConverter<>() {
          @Override
          public String toString(Number seconds) {
            return f.format(Instant.ofEpochMilli((long) (seconds.doubleValue() * 1000)));
          }

          @Override
          public Number fromString(String text) {
            return 0;
          }
        });
    drawLines();
  }

  /** Draws these levels as dashed lines across the time axis, replacing those drawn before. */
  void setLines(List<RuleLines.Line> newLines) {
    if (newLines.equals(lines)) {
      return;
    }
    lines = List.copyOf(newLines);
    view.getData().removeAll(levels);
    levels.clear();
    for (RuleLines.Line line : lines) {
      XYChart.Series<Number, Number> s = new XYChart.Series<>();
      s.setName(line.name());
      levels.add(s);
      view.getData().add(s);
    }
    drawLines();
    showLegend();
  }

  private static void addStyles(javafx.scene.Node node, String... styles) {
    for (String style : styles) {
      if (node != null && !node.getStyleClass().contains(style)) {
        node.getStyleClass().add(style);
      }
    }
  }

  private static String styleOf(RuleLines.Line line) {
    return "threshold-" + line.level().name().toLowerCase(java.util.Locale.ROOT);
  }

  private void drawLines() {
    for (int i = 0; i < levels.size(); i++) {
      double v = lines.get(i).value();
      levels
          .get(i)
          .getData()
          .setAll(
              List.of(
                  new XYChart.Data<>(x.getLowerBound(), v),
                  new XYChart.Data<>(x.getUpperBound(), v)));
    }
  }

  /** A legend when there are two or more series; its marks for the levels match their lines. */
  private void showLegend() {
    view.setLegendVisible(view.getData().size() >= 2);
    // The chart sets its series' style classes again whenever series come or go.
    for (int i = 0; i < levels.size(); i++) {
      addStyles(levels.get(i).getNode(), "threshold-line", styleOf(lines.get(i)));
    }
    for (javafx.scene.Node item : view.lookupAll(".chart-legend-item")) {
      if (item instanceof javafx.scene.control.Label label && label.getGraphic() != null) {
        for (int i = 0; i < levels.size(); i++) {
          if (levels.get(i).getName().equals(label.getText())) {
            addStyles(label.getGraphic(), styleOf(lines.get(i)));
          }
        }
      }
    }
  }

  /** Replaces one measured series' points, adding series up to {@code index} as needed. */
  void setSeries(int index, String name, List<double[]> points) {
    while (measured.size() <= index) {
      XYChart.Series<Number, Number> s = new XYChart.Series<>();
      // Measured series come before the levels, so their colours stay the same with or without.
      view.getData().add(measured.size(), s);
      measured.add(s);
    }
    XYChart.Series<Number, Number> series = measured.get(index);
    series.setName(name);
    List<XYChart.Data<Number, Number>> data = new ArrayList<>(points.size());
    for (double[] p : points) {
      data.add(new XYChart.Data<>(p[0], p[1]));
    }
    series.getData().setAll(data);
    showLegend();
  }
}
