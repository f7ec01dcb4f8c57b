package dev.vigil.console.ui.detail;

import java.time.Duration;

/** The time ranges the charts offer; the short one comes from memory, the rest from the store. */
enum ChartRange {
  MINUTES_15("15 min", Duration.ofMinutes(15), true),
  HOUR("1 hour", Duration.ofHours(1), false),
  DAY("24 hours", Duration.ofDays(1), false),
  WEEK("7 days", Duration.ofDays(7), false),
  MONTH("30 days", Duration.ofDays(30), false);

  final String label;
  final Duration span;

  /** Whether the range is drawn from the live samples in memory rather than the store. */
  final boolean live;

  ChartRange(String label, Duration span, boolean live) {
    this.label = label;
    this.span = span;
    this.live = live;
  }
}
