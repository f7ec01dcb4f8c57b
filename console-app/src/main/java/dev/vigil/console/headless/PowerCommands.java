package dev.vigil.console.headless;

import dev.vigil.console.manager.api.AgentSnapshot;
import dev.vigil.console.manager.api.CommandCheck;
import dev.vigil.console.manager.api.CommandOutcome;
import dev.vigil.console.manager.api.FleetListener;
import dev.vigil.console.manager.api.Subscription;
import dev.vigil.protocol.command.Command;
import dev.vigil.protocol.command.CommandArgument;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.TypeConversionException;

/**
 * The commands that change a machine, one for each power {@link Command} (restart, shutdown, kill):
 * their names, summaries and arguments come from the enum, whether an agent allows one from the
 * agent and the API, and each asks to confirm.
 */
final class PowerCommands implements Callable<Void> {
  private final Command command;
  private final Session session;
  private final CommandSpec spec;

  private PowerCommands(Command command, Session session) {
    this.command = command;
    this.session = session;
    this.spec = CommandSpec.wrapWithoutInspection(this).name(command.wireName());
    spec.usageMessage().description(command.summary() + " (asks to confirm)");
    spec.addPositional(positional(0, "AGENT", Session.AGENT, AgentSnapshot.class, null));
    List<CommandArgument> arguments = command.arguments();
    for (int i = 0; i < arguments.size(); i++) {
      CommandArgument a = arguments.get(i);
      spec.addPositional(
          positional(i + 1, a.key().toUpperCase(Locale.ROOT), a.description(), String.class, a));
    }
    spec.addOption(
        OptionSpec.builder("--yes")
            .type(boolean.class)
            .arity("0")
            .defaultValue("false")
            .description("do not ask to confirm")
            .build());
  }

  /** Adds a command for every power command the protocol knows; returns them in its order. */
  static List<CommandLine> addTo(CommandLine commands, Session session) {
    List<CommandLine> added = new ArrayList<>();
    for (Command c : Command.values()) {
      if (c.power()) {
        added.add(new CommandLine(new PowerCommands(c, session).spec));
      }
    }
    added.forEach(commands::addSubcommand);
    return added;
  }

  @Override
  public Void call() throws IOException {
    List<PositionalParamSpec> given = spec.positionalParameters();
    AgentSnapshot agent = given.get(0).getValue();
    Map<String, String> arguments = new LinkedHashMap<>();
    for (int i = 0; i < command.arguments().size(); i++) {
      arguments.put(command.arguments().get(i).key(), given.get(i + 1).getValue());
    }
    if (command == Command.RESTART_SERVICE) {
      Optional<String> unitRefused =
          CommandCheck.restartService(agent, arguments.get(CommandArgument.UNIT.key()));
      if (unitRefused.isPresent()) {
        session.out().fail("%s: %s", agent.hostname(), unitRefused.get());
        return null;
      }
    }
    if (!agent.allows(command)) {
      session
          .out()
          .fail("%s does not allow %s in its configuration.", agent.hostname(), command.wireName());
      return null;
    }
    Optional<String> refusal = session.api().refusal(agent.agentId(), command);
    if (refusal.isPresent()) {
      session.out().fail("%s.", refusal.get());
      return null;
    }
    boolean yes = spec.findOption("--yes").getValue();
    if (session.out().confirm(what(agent, arguments), yes)) {
      send(session, agent, command, arguments, false);
    }
    return null;
  }

  /** "kill process 4242 on web-01 (10.0.0.5)", for the question and the JSON refusal. */
  private String what(AgentSnapshot agent, Map<String, String> arguments) {
    String label = command.label().toLowerCase(Locale.ROOT);
    String values = String.join(" ", arguments.values());
    return label
        + (values.isEmpty() ? " " : " " + values + " on ")
        + agent.hostname()
        + " ("
        + agent.address()
        + ")";
  }

  /**
   * Sends a command to an agent and answers with its outcome; with {@code listing}, a successful
   * outcome's detail is the answer itself, as for {@code processes}.
   */
  static void send(
      Session session,
      AgentSnapshot agent,
      Command command,
      Map<String, String> arguments,
      boolean listing) {
    CommandOutcome outcome;
    try {
      outcome = awaitAnswer(session, agent, command, arguments);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      session.out().fail("%s %s: interrupted.", command.wireName(), agent.hostname());
      return;
    } catch (ExecutionException e) {
      session
          .out()
          .fail(
              "%s %s: failed - %s",
              command.wireName(), agent.hostname(), e.getCause().getMessage());
      return;
    }
    boolean ok =
        outcome.status() == CommandOutcome.Status.SUCCEEDED
            || outcome.status() == CommandOutcome.Status.ACKNOWLEDGED;
    session
        .out()
        .result(
            ok,
            outcome,
            text -> {
              if (listing && outcome.status() == CommandOutcome.Status.SUCCEEDED) {
                text.lines(outcome.detail());
              } else {
                text.line(
                    "%s %s: %s - %s",
                    command.wireName(),
                    agent.hostname(),
                    outcome.statusWord(),
                    outcome.dryRun()
                        ? outcome.detail().substring(CommandOutcome.DRY_RUN.length())
                        : outcome.detail());
              }
            });
  }

  /**
   * The command's final outcome; for a command that takes the machine down, its acceptance is
   * answer enough: the result comes from the agent's next start, minutes later, and shows in the
   * agent's row (and to {@code agents}) when it does.
   */
  /** How long to wait past acceptance for a final result that may come at once. */
  private static final Duration FINAL_GRACE = Duration.ofSeconds(2);

  private static CommandOutcome awaitAnswer(
      Session session, AgentSnapshot agent, Command command, Map<String, String> arguments)
      throws InterruptedException, ExecutionException {
    CompletableFuture<CommandOutcome> accepted = new CompletableFuture<>();
    try (Subscription watch =
        session
            .api()
            .subscribe(
                new FleetListener() {
                  @Override
                  public void commandUpdated(CommandOutcome o) {
                    if (command.takesMachineDown()
                        && o.agentId().equals(agent.agentId())
                        && o.command() == command
                        && o.status() == CommandOutcome.Status.ACKNOWLEDGED) {
                      accepted.complete(o);
                    }
                  }
                })) {
      CompletableFuture<CommandOutcome> result =
          session.api().send(session.operator(), agent.agentId(), command, arguments);
      CommandOutcome first = (CommandOutcome) CompletableFuture.anyOf(result, accepted).get();
      if (first.status().isFinal()) {
        return first;
      }
      try {
        // A dry run answers at once after accepting; a real restart not before the next start.
        return result.get(FINAL_GRACE.toMillis(), TimeUnit.MILLISECONDS);
      } catch (TimeoutException e) {
        return first;
      }
    }
  }

  private static PositionalParamSpec positional(
      int index, String label, String description, Class<?> type, CommandArgument checked) {
    PositionalParamSpec.Builder p =
        PositionalParamSpec.builder()
            .index(String.valueOf(index))
            .arity("1")
            .required(true)
            .paramLabel(label)
            .description(description)
            .type(type);
    if (checked != null) {
      p.converters(word -> check(checked, word));
    }
    return p.build();
  }

  private static String check(CommandArgument argument, String word) {
    try {
      return argument.check(word);
    } catch (IllegalArgumentException e) {
      String why = e.getMessage();
      throw new TypeConversionException(
          why.substring(0, 1).toUpperCase(Locale.ROOT) + why.substring(1) + ".");
    }
  }
}
