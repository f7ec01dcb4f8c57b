package dev.vigil.protocol.message;

import java.util.Map;

/**
 * Asks the agent to run one of the commands its configuration allows.
 *
 * @param commandId the console's id for this command, echoed in the {@link CommandResult}
 * @param command the command's name, for example {@code restart}
 * @param arguments named arguments, empty when the command takes none
 */
public record CommandRequest(String commandId, String command, Map<String, String> arguments)
    implements ConsoleMessage {
  public CommandRequest {
    Checks.text("commandId", commandId, 64);
    Checks.name("command", command);
    Checks.present("arguments", arguments);
    if (arguments.size() > 16) {
      throw new IllegalArgumentException("arguments has more than 16 entries");
    }
    arguments.forEach(
        (k, v) -> {
          Checks.name("arguments key", k);
          Checks.text("arguments." + k, v, 1024);
        });
    arguments = Map.copyOf(arguments);
  }
}
