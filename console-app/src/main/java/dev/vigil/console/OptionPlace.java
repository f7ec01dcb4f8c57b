package dev.vigil.console;

import dev.vigil.console.manager.Retention;
import java.util.Map;
import picocli.CommandLine;

/**
 * Words a bad setting where it was written: {@code --tcp-port must be …} for the command line,
 * {@code manager.conf line 7 ('tcp-port'): must be …} for the config file. Immutable.
 */
final class OptionPlace {
  private final CommandLine cli;
  private final Map<String, String> origins;

  /**
   * @param origins by long option ({@code --tcp-port}), the file, line and key it came from; an
   *     option not in it came from the command line or its default
   */
  OptionPlace(CommandLine cli, Map<String, String> origins) {
    this.cli = cli;
    this.origins = Map.copyOf(origins);
  }

  /** The error for {@code option}'s value, {@code sentence} saying what it must be. */
  CommandLine.ParameterException bad(String option, String sentence) {
    String origin = origins.get(option);
    return new CommandLine.ParameterException(
        cli, origin == null ? option + " " + sentence : origin + ": " + sentence);
  }

  /** Checks a port: 0 to 65535, or -1 for off where {@code offAllowed}. */
  void port(String option, int port, boolean offAllowed) {
    if (port < (offAllowed ? -1 : 0) || port > 65535) {
      throw bad(
          option,
          "must be from 0 to 65535"
              + (offAllowed ? " (0 picks a free one; leave it out for none)" : "")
              + ", got "
              + port);
    }
  }

  /** The notifications setup, checked, its mistakes reported on this command line. */
  dev.vigil.console.manager.notify.NotifySetup notifications(
      NotifyOptions options, java.nio.file.Path dataDir) {
    return options.setup(cli, dataDir);
  }

  /** The retention settings, an error naming where the bad one was written. */
  Retention retention(RetentionOptions options) {
    try {
      return options.retention(cli);
    } catch (CommandLine.ParameterException e) {
      // RetentionOptions words its errors "--option must ...": name the file's line instead.
      String message = e.getMessage();
      int space = message.indexOf(' ');
      if (space > 0 && origins.containsKey(message.substring(0, space))) {
        throw bad(message.substring(0, space), message.substring(space + 1));
      }
      throw e;
    }
  }
}
