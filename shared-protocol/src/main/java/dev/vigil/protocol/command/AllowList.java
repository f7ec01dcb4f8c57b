package dev.vigil.protocol.command;

import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The commands one agent's own config lets a console run, with where that came from; the only place
 * that says whether a command may run and, if not, why. Immutable.
 *
 * @param commands the allowed commands
 * @param source where the list was set, for refusals: "--allow", "agent.conf line 4"
 */
public record AllowList(Set<Command> commands, String source) {
  public AllowList {
    commands = commands.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(commands));
  }

  /** The list an agent announces: wire names it will run, as in its {@code hello}. */
  public static AllowList announced(Collection<String> wireNames, String source) {
    EnumSet<Command> known = EnumSet.noneOf(Command.class);
    wireNames.forEach(n -> Command.byName(n).ifPresent(known::add));
    return new AllowList(known, source);
  }

  /** Whether the command may run. */
  public boolean allows(Command command) {
    return commands.contains(command);
  }

  /** Why the command may not run, or empty when it may. */
  public Optional<String> refusal(Command command) {
    if (allows(command)) {
      return Optional.empty();
    }
    return Optional.of(
        "this agent's config does not allow '"
            + command.wireName()
            + "' (allowed: "
            + (commands.isEmpty() ? "nothing" : Command.names(commands))
            + ", set by "
            + source
            + ")");
  }

  /** The wire names in the enum's stable order, as announced to the console. */
  public List<String> wireNames() {
    return List.of(Command.values()).stream()
        .filter(commands::contains)
        .map(Command::wireName)
        .toList();
  }
}
