package dev.vigil.protocol.message;

/**
 * The agent's answer to a {@link CommandRequest}, kept in the agent's outbox until the console
 * acknowledges it with an {@link Ack}.
 *
 * @param sequence the agent's outbox sequence, shared with alerts
 * @param commandId the request's id
 * @param status what became of it
 * @param detail a sentence for the operator, for example what a dry run would have executed
 */
public record CommandResult(long sequence, String commandId, CommandStatus status, String detail)
    implements AgentMessage {
  public CommandResult {
    if (sequence < 1) {
      throw new IllegalArgumentException("sequence must be at least 1");
    }
    Checks.text("commandId", commandId, 64);
    Checks.present("status", status);
    Checks.text("detail", detail, 4096);
  }
}
