package dev.vigil.common.cli;

import dev.vigil.common.Durations;
import dev.vigil.common.UnsafePermissionsException;
import java.time.Duration;
import picocli.CommandLine;

/**
 * Picocli set up the way every Vigil program's command line behaves: a bad option gets one sentence
 * naming it and exit code 2 (so do unsafe file permissions), a failure one sentence and exit code
 * 1, never a stack trace.
 */
public final class Cli {
  private Cli() {}

  /**
   * A command line for {@code command}.
   *
   * @param program what errors start with, for example {@code vigil console}
   * @param helpCommand what the hint after a bad option says to run, for example {@code ./vigil
   *     console}
   */
  public static CommandLine of(Object command, String program, String helpCommand) {
    CommandLine cl = new CommandLine(command);
    cl.setParameterExceptionHandler(
        (e, args) -> {
          e.getCommandLine().getErr().println(program + ": " + e.getMessage());
          e.getCommandLine().getErr().println("Run '" + helpCommand + " --help' for the options.");
          return 2;
        });
    cl.setExecutionExceptionHandler(
        (e, commandLine, parseResult) -> {
          commandLine.getErr().println(program + ": " + e.getMessage());
          // Unsafe permissions are a setting to fix, like a bad option, not a failure to start.
          return e instanceof UnsafePermissionsException ? 2 : 1;
        });
    return cl;
  }

  /** Reads an option's value in Vigil's one duration syntax ({@link Durations}). */
  public static final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
      try {
        return Durations.parse(value);
      } catch (IllegalArgumentException e) {
        throw new CommandLine.TypeConversionException(e.getMessage());
      }
    }
  }
}
