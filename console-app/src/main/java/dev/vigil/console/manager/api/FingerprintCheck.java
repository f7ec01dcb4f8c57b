package dev.vigil.console.manager.api;

/**
 * What an operator proves before approving an agent: that they compared its key fingerprint with
 * the one the agent logs, by typing its last {@value #TYPED} characters (or, in a script, giving
 * the whole fingerprint). The window and the text interface ask the same way. Immutable.
 */
public final class FingerprintCheck {
  /** How many of the fingerprint's last characters the operator types. */
  public static final int TYPED = 4;

  /** Where the operator finds the fingerprint to compare with. */
  public static final String WHERE =
      "Compare it with the line the agent logs when it starts: \"This agent's key fingerprint is"
          + " SHA256:...\".";

  private FingerprintCheck() {}

  /** The characters the operator must type: the fingerprint's last {@value #TYPED}. */
  public static String tail(String fingerprint) {
    return fingerprint.substring(Math.max(0, fingerprint.length() - TYPED));
  }

  /** Whether {@code typed} (surrounding spaces aside) is the fingerprint's tail, case and all. */
  public static boolean typedTail(String fingerprint, String typed) {
    return !fingerprint.isEmpty() && typed != null && typed.strip().equals(tail(fingerprint));
  }
}
