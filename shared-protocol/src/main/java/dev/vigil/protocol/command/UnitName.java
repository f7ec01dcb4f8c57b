package dev.vigil.protocol.command;

import java.util.Set;
import java.util.regex.Pattern;

/**
 * A systemd unit's name as {@code restart-service} and {@code allow-services} take it, after
 * systemd's own grammar: letters, digits and {@code :-_.\}, an optional {@code @instance}, a known
 * type suffix ({@code .service} implied when there is none), at most 255 characters, no wildcards.
 * Pure functions.
 */
public final class UnitName {
  /** The longest unit name systemd accepts. */
  public static final int MAX_LENGTH = 255;

  /** The unit types systemd knows. */
  public static final Set<String> TYPES =
      Set.of(
          "service",
          "socket",
          "target",
          "mount",
          "automount",
          "swap",
          "path",
          "timer",
          "slice",
          "scope",
          "device");

  private static final Pattern PREFIX = Pattern.compile("[A-Za-z0-9:_.\\\\-]+");
  private static final Pattern INSTANCE = Pattern.compile("[A-Za-z0-9:_.\\\\@-]+");

  private UnitName() {}

  /**
   * The unit's full name, {@code nginx} read as {@code nginx.service}.
   *
   * @throws IllegalArgumentException with a sentence that says what is wrong with it
   */
  public static String canonical(String name) {
    String n = name == null ? "" : name.strip();
    if (n.isEmpty()) {
      throw new IllegalArgumentException("a unit name is empty");
    }
    if (n.chars().anyMatch(c -> c == '*' || c == '?' || c == '[' || c == ']')) {
      throw new IllegalArgumentException(
          "'" + n + "' is a pattern; name each unit exactly, wildcards are not allowed");
    }
    if (n.startsWith("-")) {
      throw new IllegalArgumentException(
          "'" + n + "' starts with '-', which systemctl would read as an option");
    }
    int dot = n.lastIndexOf('.');
    String full = dot > 0 && TYPES.contains(n.substring(dot + 1)) ? n : n + ".service";
    if (full.length() > MAX_LENGTH) {
      throw new IllegalArgumentException(
          "the unit name '" + abbreviated(n) + "' is longer than " + MAX_LENGTH + " characters");
    }
    String stem = full.substring(0, full.lastIndexOf('.'));
    int at = stem.indexOf('@');
    String prefix = at < 0 ? stem : stem.substring(0, at);
    String instance = at < 0 ? null : stem.substring(at + 1);
    if (!PREFIX.matcher(prefix).matches()
        || (instance != null && !INSTANCE.matcher(instance).matches())) {
      throw new IllegalArgumentException(
          "'"
              + abbreviated(n)
              + "' is not a systemd unit name: use letters, digits and :-_.\\ with an optional"
              + " @instance and a type such as .service");
    }
    return full;
  }

  private static String abbreviated(String n) {
    return n.length() <= 64 ? n : n.substring(0, 64) + "…";
  }
}
