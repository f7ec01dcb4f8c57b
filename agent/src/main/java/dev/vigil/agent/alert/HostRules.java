package dev.vigil.agent.alert;

import dev.vigil.protocol.message.FileSystemUsage;
import dev.vigil.protocol.message.RuleLevel;
import dev.vigil.protocol.message.StatsReport;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The agent's five threshold rules over its machine, one family each: CPU, memory and swap in use,
 * the number of processes (evaluated on every sample), and one rule per mounted file system
 * (evaluated on the slow probes' cadence, created as file systems appear). Each evaluation returns
 * what it raised, with the operator's sentence. Not thread-safe: samples are evaluated by one
 * thread, file systems by one other.
 */
public final class HostRules {
  /**
   * An event of one rule, ready to become an alert.
   *
   * @param rule the rule's name, as alerts carry it: {@code cpu}, {@code disk.var_log}
   * @param event what the rule decided
   * @param message what the operator reads
   */
  public record Raised(String rule, ThresholdRule.Event event, String message) {}

  private final ThresholdRule cpu;
  private final ThresholdRule memory;
  private final ThresholdRule swap;
  private final ThresholdRule processes;
  private final RuleLevels disk;
  private final List<RuleLevel> wireLevels;

  /** One rule per mounted file system; the slow-probe thread only. */
  private final Map<String, ThresholdRule> disks = new HashMap<>();

  /**
   * The rules with these levels by metric ({@code cpu}, {@code memory}, {@code swap}, {@code disk},
   * {@code processes}); a metric not named is off.
   */
  public HostRules(Map<String, RuleLevels> levels) {
    this.cpu = new ThresholdRule("cpu", levels.getOrDefault("cpu", RuleLevels.OFF));
    this.memory = new ThresholdRule("memory", levels.getOrDefault("memory", RuleLevels.OFF));
    this.swap = new ThresholdRule("swap", levels.getOrDefault("swap", RuleLevels.OFF));
    this.processes =
        new ThresholdRule("processes", levels.getOrDefault("processes", RuleLevels.OFF));
    this.disk = levels.getOrDefault("disk", RuleLevels.OFF);
    List<RuleLevel> wire = new ArrayList<>();
    for (String metric : List.of("cpu", "memory", "swap", "disk", "processes")) {
      levels.getOrDefault(metric, RuleLevels.OFF).toWire(metric).ifPresent(wire::add);
    }
    this.wireLevels = List.copyOf(wire);
  }

  /**
   * The levels of the rules that are on, as the inventory reports them, so that a console can draw
   * them before any has alerted. Thread-safe (immutable).
   */
  public List<RuleLevel> levels() {
    return wireLevels;
  }

  /** Feeds one sample to the CPU, memory, swap and process rules. */
  public List<Raised> evaluate(StatsReport sample) {
    long now = sample.sampledAtMillis();
    List<Raised> raised = new ArrayList<>(0);
    evaluate(raised, cpu, sample.cpuPercent(), now, "CPU", "%");
    evaluate(
        raised,
        memory,
        percent(sample.memoryUsedBytes(), sample.memoryTotalBytes()),
        now,
        "Memory",
        "%");
    evaluate(
        raised, swap, percent(sample.swapUsedBytes(), sample.swapTotalBytes()), now, "Swap", "%");
    evaluate(raised, processes, sample.processCount(), now, "Processes", "");
    return raised;
  }

  /** Feeds the slow probes' file systems to one rule each. */
  public List<Raised> evaluateDisks(List<FileSystemUsage> fileSystems, long now) {
    List<Raised> raised = new ArrayList<>(0);
    for (FileSystemUsage fs : fileSystems) {
      ThresholdRule rule =
          disks.computeIfAbsent(fs.mount(), m -> new ThresholdRule(diskRuleName(m), disk));
      evaluate(raised, rule, fs.usedPercent(), now, "Disk " + fs.mount(), "% full");
    }
    return raised;
  }

  private static double percent(long used, long total) {
    return total == 0 ? 0 : 100.0 * used / total;
  }

  private static void evaluate(
      List<Raised> raised, ThresholdRule rule, double value, long now, String what, String unit) {
    rule.evaluate(value, now)
        .ifPresent(e -> raised.add(new Raised(rule.name(), e, AlertText.of(e, what, unit))));
  }

  /** {@code disk.root} for {@code /}, {@code disk.var_log} for {@code /var/log}. */
  static String diskRuleName(String mount) {
    String tail = mount.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_.-]+", "_");
    tail = tail.replaceAll("^_+|_+$", "");
    String name = "disk." + (tail.isEmpty() ? "root" : tail);
    return name.length() <= 64 ? name : name.substring(0, 64);
  }
}
