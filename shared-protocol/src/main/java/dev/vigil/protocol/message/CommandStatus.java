package dev.vigil.protocol.message;

/** What became of a command on the agent. */
public enum CommandStatus {
  /** The command ran (or, in dry run, was fully prepared) and succeeded. */
  SUCCEEDED,
  /** The command ran and failed. */
  FAILED,
  /** The agent's configuration does not allow the command. */
  REFUSED,
  /**
   * The agent allows the command and has started it; another result with the final status follows
   * (for a restart, perhaps only in the console's timeout).
   */
  ACCEPTED
}
