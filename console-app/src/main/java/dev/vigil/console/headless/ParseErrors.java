package dev.vigil.console.headless;

import dev.vigil.common.cli.Cli;
import dev.vigil.console.manager.api.AgentSnapshot;
import java.util.List;
import java.util.StringJoiner;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.TypeConversionException;

/** Turns a line that does not parse into one sentence that says what to type instead. */
final class ParseErrors implements CommandLine.IParameterExceptionHandler {
  private final Renderer out;

  ParseErrors(Renderer out) {
    this.out = out;
  }

  @Override
  public int handleParseException(ParameterException ex, String[] words) {
    out.fail("%s", sentence(ex, words));
    return 2;
  }

  /** The sentence for a line that does not parse. */
  static String sentence(ParameterException ex, String[] words) {
    CommandSpec spec = ex.getCommandLine().getCommandSpec();
    if (spec.parent() == null) {
      return "Unknown command '" + words[0] + "'." + didYouMean(ex) + " Type 'help' for commands.";
    }
    if (ex.getCause() instanceof TypeConversionException refusal) {
      return refusal.getMessage();
    }
    if (ex instanceof CommandLine.MissingParameterException missing
        && missing.getMissing().stream().anyMatch(a -> a.type() == AgentSnapshot.class)) {
      return "Which agent? Give a host name or the start of an id; 'agents' lists them.";
    }
    String usage = "Usage: " + synopsis(spec) + " ('help " + spec.name() + "' says more).";
    if (ex instanceof CommandLine.UnmatchedArgumentException unmatched) {
      return "'"
          + unmatched.getUnmatched().get(0)
          + "' is too much."
          + didYouMean(ex)
          + " "
          + usage;
    }
    return usage;
  }

  /** " Did you mean 'agents'?" for a word close to a command, else nothing. */
  static String didYouMean(ParameterException ex) {
    List<String> near = Cli.suggestions(ex);
    return near.isEmpty() ? "" : " Did you mean '" + String.join("' or '", near) + "'?";
  }

  /** A command's one-line synopsis, positional parameters first: "kill AGENT PID [--yes]". */
  static String synopsis(CommandSpec spec) {
    StringJoiner line = new StringJoiner(" ").add(spec.name());
    for (PositionalParamSpec p : spec.positionalParameters()) {
      String label = p.paramLabel();
      if (!p.hideParamSyntax()) {
        label = p.arity().max() > 1 ? label + "..." : label;
        label = p.arity().min() == 0 ? "[" + label + "]" : label;
      }
      line.add(label);
    }
    for (OptionSpec o : spec.options()) {
      line.add("[" + o.longestName() + "]");
    }
    return line.toString();
  }
}
