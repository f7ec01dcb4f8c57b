package dev.vigil.console.manager.api;

import java.util.Locale;

/**
 * Who asks the manager to do something: named in acknowledgements, the audit and the log. A face
 * passes the operator with every action. Immutable.
 *
 * @param name the operator's name, for example their login
 * @param origin where they act from, for example "this computer" or a remote console's address
 */
public record Operator(String name, String origin) {
  public Operator {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("an operator needs a name");
    }
    if (origin == null || origin.isBlank()) {
      throw new IllegalArgumentException("an operator needs an origin");
    }
  }

  /** The person logged in on this computer, as an embedded console acts for them. */
  public static Operator local() {
    return new Operator(System.getProperty("user.name", "operator"), "this computer");
  }

  /** "alice (this computer)", for the log. */
  @Override
  public String toString() {
    return name + " (" + origin.toLowerCase(Locale.ROOT) + ")";
  }
}
