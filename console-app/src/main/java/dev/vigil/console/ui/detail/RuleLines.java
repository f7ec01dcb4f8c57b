package dev.vigil.console.ui.detail;

import dev.vigil.console.manager.api.AlertEvent;
import dev.vigil.protocol.message.AlertState;
import dev.vigil.protocol.message.Inventory;
import dev.vigil.protocol.message.RuleLevel;
import dev.vigil.protocol.message.Severity;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The levels of each agent's rules, for the charts: those its inventory reports ({@code
 * alertRules}, sent by agents since #17), else those the console has seen in its alerts (a firing
 * alert carries the level it crossed, a resolved one the clear level), so an older agent's rules
 * show once they have alerted. FX thread only.
 */
final class RuleLines {
  /** A level of a rule, as the charts draw it. */
  enum Level {
    WARNING,
    CRITICAL,
    CLEAR
  }

  /** A horizontal line: what it is and where. */
  record Line(Level level, double value) {
    /** Its legend name, for example {@code critical 90 %}. */
    String name() {
      String number =
          value == Math.rint(value)
              ? String.format(Locale.ROOT, "%.0f", value)
              : String.format(Locale.ROOT, "%.1f", value);
      return level.name().toLowerCase(Locale.ROOT) + " " + number + " %";
    }
  }

  private final Map<String, Map<String, EnumMap<Level, Double>>> byAgent = new HashMap<>();

  /** Takes the levels that a pulse's alerts carry. */
  void learn(List<AlertEvent> batch) {
    for (AlertEvent e : batch) {
      Level level =
          e.alert().state() == AlertState.RESOLVED
              ? Level.CLEAR
              : e.alert().severity() == Severity.CRITICAL ? Level.CRITICAL : Level.WARNING;
      byAgent
          .computeIfAbsent(e.agentId(), id -> new HashMap<>())
          .computeIfAbsent(e.alert().rule(), r -> new EnumMap<>(Level.class))
          .put(level, e.alert().threshold());
    }
  }

  /**
   * The lines of an agent's rule, critical first: from its inventory when that reports the rule,
   * else those learned from its alerts; empty when none is known.
   *
   * @param inventory the agent's inventory, or null before it arrived
   */
  List<Line> of(String agentId, String rule, Inventory inventory) {
    if (inventory != null) {
      for (RuleLevel r : inventory.alertRules()) {
        if (r.metric().equals(rule)) {
          List<Line> lines = new ArrayList<>(3);
          if (r.critical() != null) {
            lines.add(new Line(Level.CRITICAL, r.critical()));
          }
          if (r.warning() != null) {
            lines.add(new Line(Level.WARNING, r.warning()));
          }
          lines.add(new Line(Level.CLEAR, r.clear()));
          return lines;
        }
      }
    }
    return of(agentId, rule);
  }

  /** The lines of an agent's rule learned from its alerts, critical first; empty when none. */
  List<Line> of(String agentId, String rule) {
    EnumMap<Level, Double> levels = byAgent.getOrDefault(agentId, Map.of()).get(rule);
    List<Line> lines = new ArrayList<>();
    if (levels != null) {
      for (Level l : List.of(Level.CRITICAL, Level.WARNING, Level.CLEAR)) {
        if (levels.containsKey(l)) {
          lines.add(new Line(l, levels.get(l)));
        }
      }
    }
    return lines;
  }
}
