package dev.vigil.common.cli;

import dev.vigil.common.Durations;
import dev.vigil.common.UnsafePermissionsException;
import dev.vigil.common.WholeNumbers;
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
    CommandLine cl = strictNumbers(new CommandLine(command));
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

  /**
   * Teaches {@code cl} (and its subcommands so far) to read {@code int} and {@code long} values as
   * {@link WholeNumbers} does: ASCII digits only, no '+', a sentence when they are not.
   */
  public static CommandLine strictNumbers(CommandLine cl) {
    CommandLine.ITypeConverter<Integer> ints =
        v -> (int) whole(v, Integer.MIN_VALUE, Integer.MAX_VALUE);
    CommandLine.ITypeConverter<Long> longs = v -> whole(v, Long.MIN_VALUE, Long.MAX_VALUE);
    return cl.registerConverter(Integer.class, ints)
        .registerConverter(Integer.TYPE, ints)
        .registerConverter(Long.class, longs)
        .registerConverter(Long.TYPE, longs);
  }

  private static long whole(String value, long min, long max) {
    try {
      return WholeNumbers.parse(value, min, max);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.TypeConversionException(e.getMessage());
    }
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
