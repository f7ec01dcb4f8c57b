package dev.vigil.common.config;

import dev.vigil.common.cli.Cli;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine;

/**
 * Puts a config file under a picocli command line: the file's settings become options, the command
 * line's own options win, and every setting that came from the file remembers its file, line and
 * key, so that a bad value is reported where it was written. Stateless.
 */
public final class ConfigFileMerge {
  private ConfigFileMerge() {}

  /**
   * The command and where each of its settings came from when not from the command line.
   *
   * @param origins by long option ({@code --manager}): {@code agent.conf line 7 ('manager')}
   */
  public record Merged<T>(T command, Map<String, String> origins) {}

  /**
   * The config file's keys: every long option but --config, --help and --version; a map option
   * ({@code --check NAME=SPEC}) is the key family {@code check.*}.
   */
  public static Set<String> keys(CommandLine.Model.CommandSpec spec) {
    Set<String> keys = new LinkedHashSet<>();
    for (CommandLine.Model.OptionSpec o : spec.options()) {
      String name = o.longestName();
      if (name.startsWith("--") && !List.of("--config", "--help", "--version").contains(name)) {
        keys.add(name.substring(2) + (o.typeInfo().isMap() ? ".*" : ""));
      }
    }
    return keys;
  }

  /**
   * Parses the file's settings followed by the original command line into {@code fresh}, a new
   * instance of the command.
   *
   * @throws CommandLine.ParameterException naming the file, line and key of a bad value from it
   */
  public static <T> Merged<T> merge(CommandLine.Model.CommandSpec spec, ConfigFile file, T fresh) {
    List<String> cli = spec.commandLine().getParseResult().originalArgs();
    List<String> args = new ArrayList<>(file.asArguments());
    args.addAll(cli);
    CommandLine cl = Cli.strictNumbers(new CommandLine(fresh));
    cl.setOverwrittenOptionsAllowed(true);
    Map<String, String> fromFile = new HashMap<>();
    for (ConfigFile.Entry e : file.entries()) {
      String option = "--" + e.key();
      int dot = e.key().indexOf('.');
      boolean onCommandLine =
          dot > 0
              ? mapKeyOnCommandLine(
                  cli, "--" + e.key().substring(0, dot), e.key().substring(dot + 1))
              : cli.stream().anyMatch(a -> a.equals(option) || a.startsWith(option + "="));
      if (!onCommandLine) {
        fromFile.put(option, file.origin(e));
      }
    }
    try {
      cl.parseArgs(args.toArray(String[]::new));
    } catch (CommandLine.ParameterException e) {
      String option =
          e.getArgSpec() instanceof CommandLine.Model.OptionSpec o ? o.longestName() : null;
      String origin = option == null ? null : fromFile.get(option);
      throw new CommandLine.ParameterException(
          spec.commandLine(), origin == null ? e.getMessage() : origin + ": " + e.getMessage());
    }
    return new Merged<>(fresh, fromFile);
  }

  /** Whether the command line gives {@code option NAME=...} itself (it then wins). */
  private static boolean mapKeyOnCommandLine(List<String> cli, String option, String name) {
    for (int i = 0; i < cli.size(); i++) {
      String a = cli.get(i);
      if (a.startsWith(option + "=" + name + "=")
          || (a.equals(option) && i + 1 < cli.size() && cli.get(i + 1).startsWith(name + "="))) {
        return true;
      }
    }
    return false;
  }
}
