package dev.vigil.agent.check;

import dev.vigil.protocol.message.CheckMetric;
import dev.vigil.protocol.message.CheckStatus;
import java.time.Duration;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Counts the processes whose name or command line matches a regular expression (found anywhere in
 * it) and wants at least {@code min} of them (1 unless set).
 */
final class ProcessProbe implements Probe {
  private final String text;
  private final Pattern pattern;
  private final int min;

  ProcessProbe(CheckSpec spec) {
    this.text = spec.target();
    this.pattern = pattern(spec.target());
    this.min = CheckLine.count(spec.options().getOrDefault("min", "1"), "min", 100_000);
  }

  static Pattern pattern(String text) {
    try {
      return Pattern.compile(text);
    } catch (PatternSyntaxException e) {
      throw new IllegalArgumentException(
          "'" + text + "' is not a regular expression: " + e.getDescription());
    }
  }

  @Override
  public Outcome run(Duration timeout) {
    long self = ProcessHandle.current().pid();
    long count =
        ProcessHandle.allProcesses()
            .filter(p -> p.pid() != self)
            .filter(
                p -> {
                  ProcessHandle.Info info = p.info();
                  String command = info.command().orElse("");
                  String name = command.substring(command.lastIndexOf('/') + 1);
                  String line = info.commandLine().orElse(command);
                  return pattern.matcher(name).find() || pattern.matcher(line).find();
                })
            .count();
    CheckStatus status = count >= min ? CheckStatus.OK : CheckStatus.CRITICAL;
    return Outcome.of(
        status,
        count
            + " process(es) match '"
            + text
            + "'"
            + (count >= min ? "" : ", want at least " + min),
        new CheckMetric("processes", count, ""));
  }
}
