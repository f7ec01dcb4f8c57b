package dev.vigil.console.manager.api;

import java.util.Locale;

/**
 * What an operator attached over the network may do; each role includes the ones before it. The
 * manager enforces it on every call; a window only reflects it.
 */
public enum Role {
  /** Sees everything: the fleet, alerts, problems, history and command outcomes. */
  VIEWER,
  /**
   * Also acknowledges, snoozes and sends commands (each still subject to the agent's allow-list).
   */
  OPERATOR,
  /** Also makes enrollment tokens, approves, rejects and forgets agents, and manages operators. */
  ADMIN;

  /** Whether this role includes {@code needed}. */
  public boolean includes(Role needed) {
    return compareTo(needed) >= 0;
  }

  /** The role's name as operators type it: {@code viewer}, {@code operator}, {@code admin}. */
  public String word() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The role a word names, ignoring case; a sentence naming the three when it names none. */
  public static Role ofWord(String word) {
    for (Role r : values()) {
      if (r.word().equalsIgnoreCase(word == null ? "" : word.strip())) {
        return r;
      }
    }
    throw new IllegalArgumentException(
        "'" + word + "' is not a role: use viewer, operator or admin");
  }
}
