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

/** A line chart of one or two series over a time axis in seconds, updated in place. */
final class TimeChart {
  private static final DateTimeFormatter CLOCK =
      DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneId.systemDefault());
  private static final DateTimeFormatter DAY_CLOCK =
      DateTimeFormatter.ofPattern("d MMM HH:mm").withZone(ZoneId.systemDefault());

  private final NumberAxis x = new NumberAxis();
  private final NumberAxis y = new NumberAxis();
  private final LineChart<Number, Number> view = new LineChart<>(x, y);

  /**
   * @param percent whether values are percentages: a fixed 0-100 axis and no legend
   */
  TimeChart(String name, boolean percent) {
    view.setTitle(name);
    view.setAnimated(false);
    view.setCreateSymbols(false);
    view.setLegendVisible(!percent);
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
  }

  /** Replaces one series' points, adding series up to {@code index} as needed. */
  void setSeries(int index, String name, List<double[]> points) {
    while (view.getData().size() <= index) {
      view.getData().add(new XYChart.Series<>());
    }
    XYChart.Series<Number, Number> series = view.getData().get(index);
    series.setName(name);
    List<XYChart.Data<Number, Number>> data = new ArrayList<>(points.size());
    for (double[] p : points) {
      data.add(new XYChart.Data<>(p[0], p[1]));
    }
    series.getData().setAll(data);
  }
}
