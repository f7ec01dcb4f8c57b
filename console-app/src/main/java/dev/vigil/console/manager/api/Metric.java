package dev.vigil.console.manager.api;

import dev.vigil.protocol.message.StatsReport;

/** A figure from each stats report that the console keeps history of. */
public enum Metric {
  CPU("cpu", "CPU %"),
  MEMORY("memory", "Memory %"),
  SWAP("swap", "Swap %"),
  LOAD("load1", "Load (1 min)"),
  NET_IN("net_in", "Network in, bytes/s"),
  NET_OUT("net_out", "Network out, bytes/s"),
  DISK_READ("disk_read", "Disk read, bytes/s"),
  DISK_WRITE("disk_write", "Disk write, bytes/s");

  /** The metrics kept at full resolution: what the live charts draw. */
  public static final java.util.List<Metric> LIVE = java.util.List.of(CPU, MEMORY, NET_IN, NET_OUT);

  private final String key;
  private final String label;

  Metric(String key, String label) {
    this.key = key;
    this.label = label;
  }

  /** The name used in the store, in CSV exports and on the command line. */
  public String key() {
    return key;
  }

  /** A name for people. */
  public String label() {
    return label;
  }

  /** The metric named {@code key}, as {@link #key()} spells it. */
  public static Metric ofKey(String key) {
    for (Metric m : values()) {
      if (m.key.equals(key)) {
        return m;
      }
    }
    throw new IllegalArgumentException("no metric called " + key);
  }

  /** This metric's value in a report. */
  public double valueIn(StatsReport s) {
    return switch (this) {
      case CPU -> s.cpuPercent();
      case MEMORY -> percent(s.memoryUsedBytes(), s.memoryTotalBytes());
      case SWAP -> percent(s.swapUsedBytes(), s.swapTotalBytes());
      case LOAD -> s.loadAverage().isEmpty() ? 0 : s.loadAverage().get(0);
      case NET_IN -> s.network().stream().mapToDouble(i -> i.receiveBytesPerSecond()).sum();
      case NET_OUT -> s.network().stream().mapToDouble(i -> i.transmitBytesPerSecond()).sum();
      case DISK_READ -> s.diskReadBytesPerSecond();
      case DISK_WRITE -> s.diskWriteBytesPerSecond();
    };
  }

  private static double percent(long used, long total) {
    return total <= 0 ? 0 : 100.0 * used / total;
  }
}
