package dev.vigil.agent.check;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One configured service check, as {@link CheckLine} read it: what to probe, how often, how long
 * one run may take and how many failing (or passing) runs in a row change its problem. Immutable.
 *
 * @param name the check's name ({@code web}); its problems carry the rule {@code check.NAME}
 * @param type what it probes
 * @param target the first argument: a unit, a pattern, HOST:PORT, a URL, a file or a plugin's path
 * @param arguments a plugin's arguments, as written; empty for the other types
 * @param options the type's own options by word ({@code expect 200}, {@code within 2s})
 * @param every the time between the starts of two runs
 * @param timeout how long one run may take; a run over it is killed and its state is unknown
 * @param runs how many failing runs in a row raise a problem, and passing ones clear it
 */
public record CheckSpec(
    String name,
    CheckType type,
    String target,
    List<String> arguments,
    Map<String, String> options,
    Duration every,
    Duration timeout,
    int runs) {
  /** The time between runs unless the line says: {@value} s. */
  public static final int DEFAULT_EVERY_SECONDS = 30;

  /** How long a run may take unless the line says: {@value} s. */
  public static final int DEFAULT_TIMEOUT_SECONDS = 10;

  /** How many runs in a row change a problem unless the line says: {@value}. */
  public static final int DEFAULT_RUNS = 3;

  public CheckSpec {
    arguments = List.copyOf(arguments);
    options = Map.copyOf(options);
  }

  /** The rule name its alerts carry. */
  public String ruleName() {
    return "check." + name;
  }
}
