package dev.vigil.agent.check;

import dev.vigil.protocol.message.CheckMetric;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Nagios plugin's output: the first line's text is the message, and performance data (after a
 * {@code |} on the first line, and after one on a later line, up to the end) become metrics, {@code
 * 'label'=value[unit];warn;crit;min;max} separated by spaces. A datum that does not parse is
 * skipped; at most {@link CheckMetric#MAX_PER_CHECK} are kept. Stateless.
 */
final class PluginOutput {
  private static final Pattern DATUM =
      Pattern.compile(
          "\\s*('(?:[^']|'')+'|[^'=\\s]+)=(-?[0-9]*\\.?[0-9]+(?:[eE][-+]?[0-9]+)?)([a-zA-Z%/]*)(;\\S*)?");

  /**
   * @param message the first line's text, trimmed
   * @param metrics the performance data
   */
  record Parsed(String message, List<CheckMetric> metrics) {}

  private PluginOutput() {}

  static Parsed parse(String output) {
    String[] lines = output.split("\\R", -1);
    String first = lines.length == 0 ? "" : lines[0];
    StringBuilder perf = new StringBuilder();
    int bar = first.indexOf('|');
    String message = (bar >= 0 ? first.substring(0, bar) : first).strip();
    if (bar >= 0) {
      perf.append(first.substring(bar + 1)).append(' ');
    }
    boolean inLongPerf = false;
    for (int i = 1; i < lines.length; i++) {
      String line = lines[i];
      if (inLongPerf) {
        perf.append(line).append(' ');
      } else {
        int b = line.indexOf('|');
        if (b >= 0) {
          inLongPerf = true;
          perf.append(line.substring(b + 1)).append(' ');
        }
      }
    }
    return new Parsed(message, metrics(perf.toString()));
  }

  static List<CheckMetric> metrics(String perf) {
    List<CheckMetric> metrics = new ArrayList<>();
    Matcher m = DATUM.matcher(perf);
    int at = 0;
    while (at < perf.length() && metrics.size() < CheckMetric.MAX_PER_CHECK) {
      if (!m.find(at)) {
        break;
      }
      String label = m.group(1);
      if (label.startsWith("'")) {
        label = label.substring(1, label.length() - 1).replace("''", "'");
      }
      String unit = m.group(3);
      try {
        double value = Double.parseDouble(m.group(2));
        String name = label.length() > 64 ? label.substring(0, 64) : label;
        if (!name.isBlank() && Double.isFinite(value) && unit.length() <= 16) {
          metrics.add(new CheckMetric(CheckText.printable(name, 64), value, unit));
        }
      } catch (IllegalArgumentException e) {
        // A datum the protocol cannot carry is skipped; the rest still count.
      }
      at = m.end();
    }
    return metrics;
  }
}
