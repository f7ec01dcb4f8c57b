package dev.vigil.console.manager.api;

import dev.vigil.protocol.command.Command;
import java.util.List;

/**
 * The words that ask an operator to confirm an action that changes machines or trust, so that every
 * face of the console asks the same way. Pure text, immutable.
 *
 * @param title a window title: "Restart machine", "Restart machines"
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
   * @param tags its tags, so that a selection made by tag says so; empty when none
   */
  public record Target(String hostname, String address, List<String> tags) {
    public Target {
      tags = tags == null ? List.of() : List.copyOf(tags);
    }

    /** An agent without tags. */
    public Target(String hostname, String address) {
      this(hostname, address, List.of());
    }
  }

  /** Asks before a power command that takes no arguments (restart, shut down) goes to agents. */
  public static Confirmation power(Command command, List<Target> targets) {
    if (!command.power() || !command.arguments().isEmpty() || targets.isEmpty()) {
      throw new IllegalArgumentException(
          "a power confirmation names a power command without arguments and at least one agent");
    }
    String verb = command.label();
    boolean one = targets.size() == 1;
    String hosts =
        names(targets.stream().map(t -> t.hostname() + " (" + t.address() + ")").toList());
    return new Confirmation(
        verb + (one ? " machine" : " machines"),
        verb + " " + (one ? targets.get(0).hostname() : targets.size() + " machines") + "?",
        (one ? "This asks the agent on " : "This asks the agents on ")
            + hosts
            + " to "
            + verb.toLowerCase(java.util.Locale.ROOT)
            + (one ? " its machine." : " their machines.")
            + sharedTags(targets)
            + " Agents in dry-run mode only log what they would run.",
        verb);
  }

  /**
   * Asks before restart-service of one unit goes to agents, naming the unit and the hosts (at most
   * {@link #NAMED}, then how many more).
   *
   * @param unit the unit, canonical: "nginx.service"
   */
  public static Confirmation restartService(String unit, List<Target> targets) {
    if (targets.isEmpty()) {
      throw new IllegalArgumentException("a restart-service confirmation names at least one agent");
    }
    boolean one = targets.size() == 1;
    String hosts =
        names(targets.stream().map(t -> t.hostname() + " (" + t.address() + ")").toList());
    return new Confirmation(
        "Restart service",
        "Restart "
            + unit
            + " on "
            + (one ? targets.get(0).hostname() : targets.size() + " machines")
            + "?",
        (one ? "This asks the agent on " : "This asks the agents on ")
            + hosts
            + " to run 'systemctl restart "
            + unit
            + "'."
            + sharedTags(targets)
            + " Agents in dry-run mode only log what they would run.",
        "Restart");
  }

  /** " All 37 are tagged web, prod." when several targets share tags; otherwise nothing. */
  static String sharedTags(List<Target> targets) {
    if (targets.size() < 2) {
      return "";
    }
    java.util.Set<String> shared = new java.util.LinkedHashSet<>(targets.get(0).tags());
    targets.forEach(t -> shared.retainAll(t.tags()));
    return shared.isEmpty()
        ? ""
        : " All " + targets.size() + " are tagged " + String.join(", ", shared) + ".";
  }

  /** Asks before one process is killed. */
  public static Confirmation kill(String processName, long pid, String hostname) {
    return new Confirmation(
        "Kill process",
        "Kill " + processName + " (PID " + pid + ") on " + hostname + "?",
        "The agent asks the process to terminate. An agent in dry-run mode only logs it.",
        "Kill");
  }

  /**
   * Asks before agents and their keys are forgotten, naming at most {@link #NAMED} of them and
   * warning when some are connected.
   *
   * @param online how many of them are connected now
   */
  public static Confirmation forget(List<String> hostnames, int online) {
    boolean one = hostnames.size() == 1;
    String connected =
        online == 0
            ? ""
            : (one
                    ? " It is online now: its session ends at once"
                    : " "
                        + (online == hostnames.size() ? "All " + online : online + " of them")
                        + (online == 1 ? " is" : " are")
                        + " online now: their sessions end at once")
                + ", and the agent keeps running on its machine, refused until enrolled again.";
    return new Confirmation(
        "Forget agents",
        "Forget " + (one ? hostnames.get(0) : hostnames.size() + " agents") + "?",
        (one ? "" : names(hostnames) + ". ")
            + (one
                ? "The console forgets the agent and its key."
                : "The console forgets them and their keys.")
            + connected
            + " To come back "
            + (one ? "it" : "each")
            + " must be enrolled with a new token or approved again.",
        "Forget");
  }

  /** Asks before an operator is removed, saying that their consoles are detached at once. */
  public static Confirmation removeOperator(String name) {
    return new Confirmation(
        "Remove operator",
        "Remove operator " + name + "?",
        "The manager forgets their key and detaches their consoles at once. To come back they need"
            + " a new invitation from an admin.",
        "Remove");
  }

  /** Asks before an invitation not used yet is withdrawn. */
  public static Confirmation withdrawInvitation(String name) {
    return new Confirmation(
        "Withdraw invitation",
        "Withdraw the invitation of " + name + "?",
        "Its token then admits no one, even before it expires. To attach, "
            + name
            + " needs a new invitation from an admin.",
        "Withdraw");
  }

  /**
   * Asks before the console quits while agents are connected, saying what becomes of them.
   *
   * @param connected how many agents are connected now, at least one
   */
  public static Confirmation quit(int connected) {
    boolean one = connected == 1;
    return new Confirmation(
        "Quit Vigil",
        "Quit the console?",
        (one ? "1 agent is connected; it" : connected + " agents are connected; they")
            + " will keep running and reconnect when the console starts again. Alerts are not"
            + " watched while it is closed.",
        "Quit");
  }

  /** A dialog lists at most this many names, then says how many more. */
  public static final int NAMED = 10;

  /** "a, b, c", or the first {@link #NAMED} names and "and N more". */
  static String names(List<String> names) {
    if (names.size() <= NAMED) {
      return String.join(", ", names);
    }
    return String.join(", ", names.subList(0, NAMED)) + " and " + (names.size() - NAMED) + " more";
  }
}
