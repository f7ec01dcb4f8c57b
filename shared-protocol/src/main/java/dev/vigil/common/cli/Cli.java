package dev.vigil.common.cli;

import dev.vigil.common.Durations;
import dev.vigil.common.UnsafePermissionsException;
import dev.vigil.common.WholeNumbers;
import java.time.Duration;
import java.util.List;
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
          if (e instanceof CommandLine.UnmatchedArgumentException unmatched
              && !unmatched.getSuggestions().isEmpty()) {
            // picocli finds the options close to a mistyped one
            List<String> near = unmatched.getSuggestions();
            e.getCommandLine()
                .getErr()
                .println(
                    "Did you mean "
                        + String.join(" or ", near.subList(0, Math.min(3, near.size())))
                        + "?");
          }
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
   * The options or commands a mistyped one was probably meant to be, at most three: picocli's
   * suggestions, kept only when they are a couple of typos away from what was typed (its own list
   * also offers names that merely share letters). Empty for any other mistake.
   */
  public static List<String> suggestions(CommandLine.ParameterException e) {
    if (!(e instanceof CommandLine.UnmatchedArgumentException unmatched)
        || unmatched.getUnmatched().isEmpty()) {
      return List.of();
    }
    String typed = unmatched.getUnmatched().get(0).split("=", 2)[0];
    return unmatched.getSuggestions().stream()
        .filter(s -> distance(typed, s) <= Math.max(2, typed.length() / 4))
        .limit(3)
        .toList();
  }

  /** The edit distance between two words (insertions, deletions, substitutions). */
  static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitute = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitute, Math.min(previous[j], current[j - 1]) + 1);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
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
