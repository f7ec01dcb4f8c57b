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

  /**
   * One line for a table row, a popup or a terminal: where the command stands and the first line of
   * its detail, at most 160 characters. A successful process list says so instead of listing; an
   * accepted command says who accepted it and how long the console waits for its result.
   */
  public String summary() {
    return firstLine(
        switch (status) {
          case SENT -> "sent…";
          case ACKNOWLEDGED -> detail;
          case SUCCEEDED -> command == Command.PROCESSES ? "listed the top processes" : detail;
          case FAILED -> "failed: " + detail;
          case REFUSED -> "refused: " + detail;
          case TIMED_OUT -> "no answer: " + detail;
          case NOT_CONNECTED -> "not sent: " + detail;
        });
  }

  /** How an agent in dry-run mode words its success (the agent's {@code DryRunHostControl}). */
  public static final String DRY_RUN = "dry run: ";

  /** Whether the agent only pretended: a dry run's success, "dry run: would run …". */
  public boolean dryRun() {
    return status == Status.SUCCEEDED && detail != null && detail.startsWith(DRY_RUN);
  }

  /** The status as an operator reads it: DRY RUN for a dry run's success, else its name. */
  public String statusWord() {
    return dryRun() ? "DRY RUN" : status.name();
  }

  /**
   * The status as scripts, the audit and the metrics name it: {@code DRY_RUN} for a dry run's
   * success, else the status's name ({@code SUCCEEDED}, {@code TIMED_OUT}, …).
   */
  public String outcomeName() {
    return dryRun() ? "DRY_RUN" : status.name();
  }

  private static String firstLine(String text) {
    int nl = text.indexOf('\n');
    String line = nl < 0 ? text : text.substring(0, nl) + " …";
    return line.length() <= 160 ? line : line.substring(0, 160) + "…";
  }

  /** Where a command stands. */
  public enum Status {
    SENT,
    /**
     * The agent accepted the command and started it; the final status follows within the command's
     * own deadline, perhaps over a later session (a restart's, once the machine is back).
     */
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
