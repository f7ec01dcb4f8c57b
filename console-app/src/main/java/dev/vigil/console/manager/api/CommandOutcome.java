package dev.vigil.console.manager.api;

import dev.vigil.protocol.command.Command;

/**
 * What became of a command sent to one agent.
 *
 * @param commandId the command's id
 * @param agentId the target
 * @param hostname the target's host name
 * @param command the command
 * @param status where it stands
 * @param detail a sentence for the operator
 */
public record CommandOutcome(
    String commandId,
    String agentId,
    String hostname,
    Command command,
    Status status,
    String detail) {

  /** Where a command stands. */
  public enum Status {
    SENT,
    /** The agent accepted the command and started it; the final status follows. */
    ACKNOWLEDGED,
    SUCCEEDED,
    FAILED,
    REFUSED,
    TIMED_OUT,
    NOT_CONNECTED;

    /** Whether the command is finished. */
    public boolean isFinal() {
      return this != SENT && this != ACKNOWLEDGED;
    }
  }
}
