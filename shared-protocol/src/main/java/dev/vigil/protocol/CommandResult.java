package dev.vigil.protocol;

/**
 * The agent's answer to a {@link CommandRequest}.
 *
 * @param commandId the request's id
 * @param status what became of it
 * @param detail a sentence for the operator, for example what a dry run would have executed
 */
public record CommandResult(String commandId, CommandStatus status, String detail)
    implements AgentMessage {
  public CommandResult {
    Checks.text("commandId", commandId, 64);
    Checks.present("status", status);
    Checks.text("detail", detail, 4096);
  }
}
