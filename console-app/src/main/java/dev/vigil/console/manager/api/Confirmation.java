package dev.vigil.console.manager.api;

import dev.vigil.protocol.command.Command;
import java.util.List;

/**
 * The words that ask an operator to confirm an action that changes machines or trust, so that every
 * face of the console asks the same way. Pure text, immutable.
 *
 * @param title a window title: "Restart machines"
 * @param question what is asked: "Restart web-01?"
 * @param detail what will happen, in a sentence or two
 * @param verb the answer that goes ahead: "Restart"
 */
public record Confirmation(String title, String question, String detail, String verb) {

  /**
   * An agent the action names.
   *
   * @param hostname its host name
   * @param address its connection's address, or empty
   */
  public record Target(String hostname, String address) {}

  /** Asks before a power command that takes no arguments (restart, shut down) goes to agents. */
  public static Confirmation power(Command command, List<Target> targets) {
    if (!command.power() || !command.arguments().isEmpty() || targets.isEmpty()) {
      throw new IllegalArgumentException(
          "a power confirmation names a power command without arguments and at least one agent");
    }
    String verb = command.label();
    String hosts =
        String.join(
            ", ", targets.stream().map(t -> t.hostname() + " (" + t.address() + ")").toList());
    return new Confirmation(
        verb + " machines",
        verb
            + " "
            + (targets.size() == 1 ? targets.get(0).hostname() : targets.size() + " machines")
            + "?",
        "This asks the agent on "
            + hosts
            + " to "
            + command.wireName()
            + " its machine. Agents in dry-run mode only log what they would run.",
        verb);
  }

  /** Asks before one process is killed. */
  public static Confirmation kill(String processName, long pid, String hostname) {
    return new Confirmation(
        "Kill process",
        "Kill " + processName + " (PID " + pid + ") on " + hostname + "?",
        "The agent asks the process to terminate. An agent in dry-run mode only logs it.",
        "Kill");
  }

  /** Asks before agents and their keys are forgotten. */
  public static Confirmation forget(List<String> hostnames) {
    return new Confirmation(
        "Forget agents",
        "Forget " + String.join(", ", hostnames) + "?",
        "The console forgets the agent and its key. To come back it must be enrolled with a new"
            + " token or approved again.",
        "Forget");
  }
}
