package dev.vigil.protocol.command;

import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Every command a console can ask an agent to run: its wire name, whether it is a power action, the
 * arguments it takes and how they are checked. The wire, the agent's allow-list, the console's
 * enable rules and the text interface's parser all use this one list. Immutable.
 */
public enum Command {
  /** Restarts the agent's machine. */
  RESTART(
      "restart", true, "restart the machine", "Restart", List.of(), Duration.ofMinutes(10), true),
  /** Powers the agent's machine off. */
  SHUTDOWN(
      "shutdown",
      true,
      "power the machine off",
      "Shut down",
      List.of(),
      Duration.ofMinutes(10),
      true),
  /** Terminates one process on the agent's machine. */
  KILL(
      "kill",
      true,
      "terminate a process",
      "Kill process",
      List.of(CommandArgument.PID),
      Duration.ofSeconds(30),
      false),
  /**
   * Restarts one systemd unit ({@code systemctl restart UNIT}); the agent runs it only for the
   * units its {@code allow-services} names.
   */
  RESTART_SERVICE(
      "restart-service",
      true,
      "restart a service",
      "Restart service",
      List.of(CommandArgument.UNIT),
      Duration.ofMinutes(2),
      false),
  /** Asks the agent for a full snapshot now. */
  REFRESH(
      "refresh",
      false,
      "send a full snapshot now",
      "Refresh now",
      List.of(),
      Duration.ofSeconds(15),
      false),
  /** Asks the agent for its top processes. */
  PROCESSES(
      "processes",
      false,
      "list the top processes",
      "Processes",
      List.of(),
      Duration.ofSeconds(30),
      false);

  /** Allowed when an agent's config names none: the commands that change nothing. */
  public static final Set<Command> DEFAULT_ALLOWED = Set.of(REFRESH, PROCESSES);

  private final String wireName;
  private final boolean power;
  private final String summary;
  private final String label;
  private final List<CommandArgument> arguments;
  private final Duration deadline;
  private final boolean takesMachineDown;

  Command(
      String wireName,
      boolean power,
      String summary,
      String label,
      List<CommandArgument> arguments,
      Duration deadline,
      boolean takesMachineDown) {
    this.wireName = wireName;
    this.power = power;
    this.summary = summary;
    this.label = label;
    this.arguments = arguments;
    this.deadline = deadline;
    this.takesMachineDown = takesMachineDown;
  }

  /** The name on the wire and in every config and command line, for example {@code restart}. */
  public String wireName() {
    return wireName;
  }

  /**
   * Whether the command changes the machine (restart, shut down, kill): these ask to confirm and
   * are off unless an agent's config allows them.
   */
  public boolean power() {
    return power;
  }

  /** What the command does, in a few words: "restart the machine". */
  public String summary() {
    return summary;
  }

  /** The command as a menu or button names it: "Shut down". */
  public String label() {
    return label;
  }

  /** The arguments the command takes, each required. */
  public List<CommandArgument> arguments() {
    return arguments;
  }

  /**
   * How long, once the agent has answered {@code ACCEPTED}, the console waits for the command's
   * final result: minutes for a restart or shutdown (a machine's reboot), seconds for the rest.
   * Before {@code ACCEPTED} the console's answer timeout applies instead.
   */
  public Duration deadline() {
    return deadline;
  }

  /**
   * Whether the command takes the agent's machine, and the agent with it, down (restart, shut
   * down): its final result then comes from the agent's next start, over a new session.
   */
  public boolean takesMachineDown() {
    return takesMachineDown;
  }

  /** The command with this wire name, if this build knows one. */
  public static Optional<Command> byName(String wireName) {
    return Arrays.stream(values()).filter(c -> c.wireName.equals(wireName)).findFirst();
  }

  /** The command with this name, ignoring case, or a sentence naming the ones there are. */
  public static Command parse(String name) {
    return byName(name == null ? "" : name.trim().toLowerCase(Locale.ROOT))
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "unknown command '" + name + "'; known commands: " + names(List.of(values()))));
  }

  /**
   * Checks a request's arguments against this command: each required one present and valid, nothing
   * else.
   *
   * @return the arguments, in their canonical text
   * @throws IllegalArgumentException with a sentence that names the argument
   */
  public Map<String, String> checkArguments(Map<String, String> given) {
    Map<String, String> checked = new LinkedHashMap<>();
    for (String key : given.keySet()) {
      if (arguments.stream().noneMatch(a -> a.key().equals(key))) {
        throw new IllegalArgumentException(wireName + " takes no argument '" + key + "'");
      }
    }
    for (CommandArgument a : arguments) {
      String value = given.get(a.key());
      if (value == null) {
        throw new IllegalArgumentException(wireName + " needs a '" + a.key() + "' argument");
      }
      checked.put(a.key(), a.check(value));
    }
    return Map.copyOf(checked);
  }

  /** Wire names joined for a sentence, in this enum's order: "restart, kill". */
  public static String names(java.util.Collection<Command> commands) {
    return Arrays.stream(values())
        .filter(commands::contains)
        .map(Command::wireName)
        .collect(Collectors.joining(", "));
  }
}
