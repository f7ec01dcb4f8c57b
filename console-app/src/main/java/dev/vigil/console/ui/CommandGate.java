package dev.vigil.console.ui;

import dev.vigil.console.manager.api.AgentSnapshot;
import dev.vigil.console.manager.api.AgentStatus;
import dev.vigil.protocol.command.Command;
import java.util.List;
import java.util.Optional;

/**
 * Whether the window offers a command for some agents, and if not why: each must be approved, allow
 * the command in its own config and be connected. The one place the window reads allow-lists; the
 * manager and the agent check again, so this only spares the operator a refused trip.
 */
public final class CommandGate {
  /** Why a command is not offered, in the few words a menu item shows after its text. */
  public enum Refusal {
    /** No agent, or more than one for a command that takes one. */
    ONE_AT_A_TIME("one agent at a time"),
    NOT_APPROVED("agent not approved"),
    NOT_ALLOWED("not allowed by the agent's config"),
    OFFLINE("agent offline");

    private final String words;

    Refusal(String words) {
      this.words = words;
    }

    /** The reason as a menu shows it in parentheses: "agent offline". */
    public String words() {
      return words;
    }

    /** The reason as a sentence that says what to do, for a tooltip. */
    public String sentence(Command command) {
      return switch (this) {
        case ONE_AT_A_TIME -> "Select one agent first.";
        case NOT_APPROVED -> "The agent is not approved yet: approve it first.";
        case NOT_ALLOWED ->
            "Not allowed by the agent's config: add " + command.wireName() + " to its allow-list.";
        case OFFLINE -> "The agent is offline: it gets commands when it is back.";
      };
    }
  }

  private CommandGate() {}

  /** Why the command is not offered for these rows, or empty when it is. */
  public static Optional<Refusal> check(Command command, List<AgentRow> targets) {
    return check(
        targets.size(),
        targets.stream().allMatch(r -> r.getStatus().isApproved()),
        targets.stream().allMatch(r -> r.allows(command)),
        targets.stream().allMatch(r -> connected(r.getStatus())));
  }

  /** Why the command is not offered for this agent, or empty when it is. */
  public static Optional<Refusal> check(Command command, AgentSnapshot agent) {
    return check(1, agent.status().isApproved(), agent.allows(command), connected(agent.status()));
  }

  private static Optional<Refusal> check(
      int count, boolean approved, boolean allowed, boolean connected) {
    if (count == 0) {
      return Optional.of(Refusal.ONE_AT_A_TIME);
    } else if (!approved) {
      return Optional.of(Refusal.NOT_APPROVED);
    } else if (!allowed) {
      return Optional.of(Refusal.NOT_ALLOWED);
    } else if (!connected) {
      return Optional.of(Refusal.OFFLINE);
    }
    return Optional.empty();
  }

  private static boolean connected(AgentStatus status) {
    return status == AgentStatus.ONLINE || status == AgentStatus.STALE;
  }
}
