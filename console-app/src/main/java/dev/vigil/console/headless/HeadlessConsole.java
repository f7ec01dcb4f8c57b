package dev.vigil.console.headless;

import dev.vigil.console.manager.api.Operator;
import dev.vigil.console.manager.api.OperatorApi;
import dev.vigil.console.manager.api.RefusedException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The text interface over the manager's operator API: one command per line on stdin, answered on
 * stdout for people or, with {@code json}, for scripts. Runs on the calling thread until {@code
 * quit} or end of input.
 */
public final class HeadlessConsole {
  private static final Logger LOG = LoggerFactory.getLogger(HeadlessConsole.class);

  private final BufferedReader in;
  private final Renderer out;
  private final CommandLine commands;
  private final ConsoleCommands console;
  private final Map<Class<?>, Object> groups = new HashMap<>();
  private final Map<String, List<CommandLine>> sections = new LinkedHashMap<>();

  /** A console acting for the person logged in on this computer. */
  public HeadlessConsole(OperatorApi api, BufferedReader in, PrintStream out, boolean json) {
    this(api, Operator.local(), in, out, json);
  }

  /**
   * A console for people: sentences and tables, with a prompt; or with {@code json} for scripts:
   * then every command is answered by exactly one line of JSON ({@code
   * {"command":…,"ok":true,"data":…}} or {@code "ok":false} with an {@code "error"} sentence),
   * there is no prompt, and power commands need {@code --yes} instead of a typed confirmation.
   *
   * @param operator who acts, named in acknowledgements, the audit and the log
   */
  public HeadlessConsole(
      OperatorApi api, Operator operator, BufferedReader in, PrintStream out, boolean json) {
    this.in = in;
    this.out = json ? new JsonRenderer(out) : new TextRenderer(in, out);
    Session session = new Session(api, operator, this.out);
    console = new ConsoleCommands(session, this::usage);
    commands = new CommandLine(root());
    group("Fleet", new FleetCommands(session));
    sections.put("Power", PowerCommands.addTo(commands, session));
    group("Checks", new CheckCommands(session));
    group("Alerts", new AlertCommands(session));
    group("Enrollment and trust", new TrustCommands(session));
    group("Operators", new OperatorCommands(session));
    group("Managers", new ManagerCommands(session));
    group("Notifications", new NotifyCommands(session));
    group("This console", console);
    Arguments.register(commands, api);
    commands
        .setSubcommandsCaseInsensitive(true)
        .setUnmatchedOptionsArePositionalParams(true)
        .setExpandAtFiles(false)
        .setOverwrittenOptionsAllowed(true)
        .setParameterExceptionHandler(new ParseErrors(this.out))
        .setExecutionStrategy(this::execute)
        .setExecutionExceptionHandler(this::failed);
    commands
        .getHelpSectionMap()
        .put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_COMMAND_LIST, this::commandList);
    sections.values().stream()
        .flatMap(List::stream)
        .forEach(
            c ->
                c.getCommandSpec()
                    .usageMessage()
                    .customSynopsis(ParseErrors.synopsis(c.getCommandSpec()) + "%n"));
  }

  /**
   * Reads and runs commands until {@code quit} or end of input.
   *
   * @return true after {@code quit}, false when standard input ended
   */
  public boolean run() throws IOException {
    out.greet();
    out.prompt();
    String line;
    while ((line = in.readLine()) != null) {
      List<String> words;
      try {
        words = Words.split(line);
      } catch (Words.UnfinishedException e) {
        out.begin(line.trim().split("\\s+")[0].toLowerCase(Locale.ROOT));
        out.fail("%s", e.getMessage());
        out.prompt();
        continue;
      }
      if (!words.isEmpty()) {
        out.begin(words.get(0).toLowerCase(Locale.ROOT));
        commands.execute(words.toArray(String[]::new));
        if (console.quitting()) {
          return true;
        }
      }
      out.prompt();
    }
    return false;
  }

  private static CommandSpec root() {
    CommandSpec root = CommandSpec.create().name("vigil");
    root.usageMessage()
        .synopsisHeading("")
        .customSynopsis("One command a line; 'help COMMAND' shows one.")
        .commandListHeading("")
        .footer(
            "%nPower commands ask to confirm; add --yes to skip that. Start with --json for"
                + " scripts: one JSON line per command.");
    return root;
  }

  /** Adds a group's command methods, by name, under a heading of the help. */
  private void group(String heading, Object group) {
    groups.put(group.getClass(), group);
    List<CommandLine> added = new ArrayList<>();
    for (Method m : CommandLine.getCommandMethods(group.getClass(), null)) {
      added.add(new CommandLine(m));
    }
    added.sort(Comparator.comparing(CommandLine::getCommandName));
    added.forEach(commands::addSubcommand);
    sections.put(heading, added);
  }

  /**
   * Runs the parsed command. Picocli would call a command method on the parent command's object;
   * these methods live in their groups, so the console calls them itself.
   */
  private int execute(CommandLine.ParseResult parsed) {
    CommandLine last = parsed.asCommandLineList().getLast();
    try {
      switch (last.getCommand()) {
        case Method m ->
            // a command method's parameters are its arguments, in order (no mixins here)
            m.invoke(
                groups.get(m.getDeclaringClass()),
                last.getCommandSpec().args().stream().map(ArgSpec::getValue).toArray());
        case Callable<?> c -> c.call();
        default -> throw new IllegalStateException("not a command: " + last.getCommandName());
      }
    } catch (InvocationTargetException e) {
      throw new CommandLine.ExecutionException(last, last.getCommandName(), e.getCause());
    } catch (Exception e) {
      throw new CommandLine.ExecutionException(last, last.getCommandName(), e);
    }
    return 0;
  }

  /** A command broke: the operator reads one sentence, the log keeps the rest. */
  private int failed(Exception e, CommandLine command, CommandLine.ParseResult parsed) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof RefusedException refused) {
        // The manager's own sentence: the operator's role does not include this command. Found
        // however deep a future or a reflective call wrapped it; no stack trace for it.
        out.fail("%s refused: %s", command.getCommandName(), refused.getMessage());
        return 1;
      }
    }
    LOG.warn("The headless command '{}' failed", command.getCommandName(), e);
    out.fail(
        "%s failed: %s (the console's log has the details)",
        command.getCommandName(),
        Objects.requireNonNullElse(e.getMessage(), e.getClass().getSimpleName()));
    return 1;
  }

  /** The generated help of one command, or of all with {@code name} null. */
  private Optional<String> usage(String name) {
    CommandLine target = name == null ? commands : commands.getSubcommands().get(name);
    return Optional.ofNullable(target).map(c -> c.getUsageMessage(CommandLine.Help.Ansi.OFF));
  }

  /** The list of commands, under a heading for each group. */
  private String commandList(CommandLine.Help help) {
    Map<CommandSpec, Map.Entry<String, CommandLine.Help>> rowOf = new IdentityHashMap<>();
    help.subcommands().entrySet().forEach(e -> rowOf.put(e.getValue().commandSpec(), e));
    // picocli sizes the name column by the longest key, and prints the names, not the key: so
    // padded keys line up the sections
    int width = help.subcommands().keySet().stream().mapToInt(String::length).max().orElse(1);
    StringBuilder text = new StringBuilder();
    sections.forEach(
        (heading, members) -> {
          Map<String, CommandLine.Help> rows = new LinkedHashMap<>();
          for (CommandLine c : members) {
            Map.Entry<String, CommandLine.Help> row = rowOf.get(c.getCommandSpec());
            rows.put(String.format("%-" + width + "s", row.getKey()), row.getValue());
          }
          text.append(System.lineSeparator()).append(heading).append(':');
          text.append(System.lineSeparator());
          text.append(help.commandList(rows));
        });
    return text.toString();
  }
}
