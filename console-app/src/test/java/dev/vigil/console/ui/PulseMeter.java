package dev.vigil.console.ui;

import dev.vigil.console.ui.model.AgentRow;
import dev.vigil.console.ui.model.AlertEntry;
import dev.vigil.console.ui.model.FleetModel;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;
import javafx.animation.AnimationTimer;
import javafx.collections.ListChangeListener;
import javafx.scene.Scene;

/**
 * What the FX pulse benchmarks measure in a console window: FX-thread time per pulse (from the
 * first animation timer of a pulse to the end of its layout pass), the pulses that updated rows,
 * the FX thread's CPU time in those pulses (apart from the wall time, which a machine whose cores
 * are all busy stretches), the time from an agent's report to its row, and from an alert to its
 * feed line. Never asserts a timing. Install on the FX thread before the window shows, then {@link
 * #watchRows} once the rows are in.
 */
final class PulseMeter {
  final ConcurrentLinkedQueue<Long> pulseNanos = new ConcurrentLinkedQueue<>();
  final ConcurrentLinkedQueue<Long> pulseCpuNanos = new ConcurrentLinkedQueue<>();
  final ConcurrentLinkedQueue<Long> updatePulseNanos = new ConcurrentLinkedQueue<>();
  final ConcurrentLinkedQueue<Long> statsLatencyMillis = new ConcurrentLinkedQueue<>();
  final ConcurrentLinkedQueue<Long> alertLatencyMillis = new ConcurrentLinkedQueue<>();
  private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
  private long pulseStart;
  private long pulseCpuStart;
  private boolean rowsUpdatedThisPulse;

  /** Starts the pulse clock; runs before the window's own drainer when installed first. */
  void startClock() {
    new AnimationTimer() {
      @Override
      public void handle(long now) {
        pulseStart = System.nanoTime();
        pulseCpuStart = threads.getCurrentThreadCpuTime();
      }
    }.start();
  }

  /** Ends each pulse's time after its layout, and times alerts into the feed. */
  void watch(Scene scene, FleetModel model) {
    scene.addPostLayoutPulseListener(
        () -> {
          if (pulseStart != 0) {
            long took = System.nanoTime() - pulseStart;
            pulseNanos.add(took);
            pulseCpuNanos.add(threads.getCurrentThreadCpuTime() - pulseCpuStart);
            if (rowsUpdatedThisPulse) {
              updatePulseNanos.add(took);
            }
            pulseStart = 0;
            rowsUpdatedThisPulse = false;
          }
        });
    model
        .alerts()
        .addListener(
            (ListChangeListener<AlertEntry>)
                c -> {
                  long now = System.currentTimeMillis();
                  while (c.next()) {
                    for (AlertEntry e : c.getAddedSubList()) {
                      alertLatencyMillis.add(now - e.raisedAtMillis());
                    }
                  }
                });
  }

  /**
   * Times every row's updates from the moment the manager took the agent's report (its last seen);
   * FX thread.
   */
  void watchRows(FleetModel model) {
    for (AgentRow row : model.rows()) {
      row.lastSeenMillisProperty()
          .addListener(
              (obs, was, now) -> {
                statsLatencyMillis.add(System.currentTimeMillis() - now.longValue());
                rowsUpdatedThisPulse = true;
              });
    }
  }

  /** Forgets what was measured so far (the warm-up). */
  void clear() {
    pulseNanos.clear();
    pulseCpuNanos.clear();
    updatePulseNanos.clear();
    statsLatencyMillis.clear();
    alertLatencyMillis.clear();
  }

  /** The figures, one line each. */
  String report(String heading) {
    double[] pulses = sorted(pulseNanos, 1e6);
    double[] cpu = sorted(pulseCpuNanos, 1e6);
    double[] updating = sorted(updatePulseNanos, 1e6);
    double[] stats = sorted(statsLatencyMillis, 1);
    double[] alerts = sorted(alertLatencyMillis, 1);
    return String.format(
        Locale.ROOT,
        "%s pulses=%d%n"
            + "fx_pulse_ms p50=%.2f p99=%.2f max=%.2f%n"
            + "fx_pulse_cpu_ms p50=%.2f p99=%.2f max=%.2f%n"
            + "fx_pulse_with_row_updates_ms n=%d p50=%.2f p99=%.2f max=%.2f%n"
            + "stats_to_row_ms n=%d p50=%.0f p99=%.0f max=%.0f%n"
            + "alert_to_feed_ms n=%d p50=%.0f p99=%.0f max=%.0f%n",
        heading,
        pulses.length,
        pct(pulses, 50),
        pct(pulses, 99),
        pct(pulses, 100),
        pct(cpu, 50),
        pct(cpu, 99),
        pct(cpu, 100),
        updating.length,
        pct(updating, 50),
        pct(updating, 99),
        pct(updating, 100),
        stats.length,
        pct(stats, 50),
        pct(stats, 99),
        pct(stats, 100),
        alerts.length,
        pct(alerts, 50),
        pct(alerts, 99),
        pct(alerts, 100));
  }

  private static double[] sorted(ConcurrentLinkedQueue<Long> values, double unit) {
    return values.stream().mapToDouble(v -> v / unit).sorted().toArray();
  }

  private static double pct(double[] sorted, int p) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
  }
}
