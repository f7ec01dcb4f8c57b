package dev.vigil.console.manager.api;

import dev.vigil.protocol.command.AllowedServices;
import dev.vigil.protocol.command.Command;
import java.util.List;
import java.util.Optional;

/**
 * Whether a command may go to an agent as the console knows it, and if not why: the one rule that
 * the window's menus, the text interface and the manager share. The agent's own allow-list decides
 * in the end; this only spares the operator a refused trip. Immutable.
 */
public final class CommandCheck {
  /** Why a command does not go. */
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

    /** The reason in the few words a menu shows in parentheses: "agent offline". */
    public String words() {
      return words;
    }

    /** The reason as a sentence that says what to do. */
    public String sentence(Command command) {
      return switch (this) {
        case ONE_AT_A_TIME -> "Select one agent first.";
        case NOT_APPROVED -> "The agent is not approved yet: approve it first.";
        case NOT_ALLOWED ->
            command == Command.RESTART_SERVICE
                ? "Not allowed by the agent's config: name the unit in its allow-services."
                : "Not allowed by the agent's config: add "
                    + command.wireName()
                    + " to its allow-list.";
        case OFFLINE -> "The agent is offline: it gets commands when it is back.";
      };
    }
  }

  private CommandCheck() {}

  /** Why the command does not go to this agent, or empty when it does. */
  public static Optional<Refusal> check(AgentSnapshot agent, Command command) {
    return check(agent.status(), agent.allows(command));
  }

  /**
   * Why restart-service of {@code unit} does not go to this agent, as a sentence, or empty when it
   * does: the command's own rule, then the unit against the services the agent announced. An agent
   * whose inventory has not come yet is left to decide for itself.
   */
  public static Optional<String> restartService(AgentSnapshot agent, String unit) {
    Optional<Refusal> refusal = check(agent, Command.RESTART_SERVICE);
    if (refusal.isPresent()) {
      return refusal.map(r -> r.sentence(Command.RESTART_SERVICE));
    }
    if (agent.allowedServices().isEmpty()) {
      return AllowedServices.announced(List.of(unit), "").units().isEmpty()
          ? Optional.of(
              AllowedServices.NONE.refusal(unit).orElse("'" + unit + "' is not a unit name"))
          : Optional.empty();
    }
    return AllowedServices.announced(agent.allowedServices(), "its config").refusal(unit);
  }

  /**
   * Why a command does not go to an agent in this status whose config does or does not allow it, or
   * empty when it does.
   */
  public static Optional<Refusal> check(AgentStatus status, boolean allowed) {
    if (!status.isApproved()) {
      return Optional.of(Refusal.NOT_APPROVED);
    } else if (!allowed) {
      return Optional.of(Refusal.NOT_ALLOWED);
    } else if (status != AgentStatus.ONLINE && status != AgentStatus.STALE) {
      return Optional.of(Refusal.OFFLINE);
    }
    return Optional.empty();
  }
}
