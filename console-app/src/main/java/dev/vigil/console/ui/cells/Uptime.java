package dev.vigil.console.ui.cells;

/** How long a machine has been up, for people: "3 d 4 h", "2 h 10 min", "7 min". */
public final class Uptime {
  private Uptime() {}

  /** The uptime of {@code seconds}, to the two largest units. */
  public static String text(long seconds) {
    long days = seconds / 86_400;
    long hours = seconds % 86_400 / 3600;
    long minutes = seconds % 3600 / 60;
    return days > 0
        ? days + " d " + hours + " h"
        : hours > 0 ? hours + " h " + minutes + " min" : minutes + " min";
  }
}
