package dev.vigil.console.ui.actions;

import dev.vigil.console.manager.api.CommandCheck;
import dev.vigil.console.manager.api.CommandCheck.Refusal;
import dev.vigil.console.ui.model.AgentRow;
import dev.vigil.protocol.command.Command;
import java.util.List;
import java.util.Optional;

/**
 * Whether the window offers a command for the selected agents, and if not why: the manager's one
 * rule ({@link CommandCheck}) applied to every selected row.
 */
public final class CommandGate {
  private CommandGate() {}

  /** Why the command is not offered for these rows, or empty when it is. */
  public static Optional<Refusal> check(Command command, List<AgentRow> targets) {
    if (targets.isEmpty()) {
      return Optional.of(Refusal.ONE_AT_A_TIME);
    }
    return targets.stream()
        .map(r -> CommandCheck.check(r.getStatus(), r.allows(command)))
        .flatMap(Optional::stream)
        .min(Enum::compareTo);
  }
}
