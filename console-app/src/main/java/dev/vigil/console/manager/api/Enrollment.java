package dev.vigil.console.manager.api;

import java.time.Instant;

/**
 * What an operator hands to a new machine: a token and the one-line command that uses it.
 *
 * @param token the secret
 * @param expiresAt when the token stops working
 * @param uses how many agents it admits
 * @param command the line to paste on the new machine, to run the agent from a Vigil checkout: it
 *     writes the token to an owner-only file (a shell built-in, so no process shows it) and passes
 *     that file, never the token, on the agent's command line
 * @param configLines the lines for {@code /etc/vigil/agent.conf} of an agent installed as a service
 */
public record Enrollment(
    String token, Instant expiresAt, int uses, String command, String configLines) {

  /**
   * The command line and config lines for a token, pinning the manager's key.
   *
   * @param host the host name or address agents dial
   * @param port the manager's agent port
   * @param fingerprint the manager's key fingerprint, or null in insecure mode
   */
  public static Enrollment forToken(
      String token, Instant expiresAt, int uses, String host, int port, String fingerprint) {
    String hostPort = (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    String command =
        "(umask 077; echo "
            + token
            + " > vigil-token) && ./vigil agent --manager "
            + hostPort
            + " --token-file vigil-token"
            + (fingerprint == null ? " --insecure" : " --console-fingerprint " + fingerprint);
    String config =
        "manager = "
            + hostPort
            + "\ntoken = "
            + token
            + "\n"
            + (fingerprint == null
                ? "insecure = true\n"
                : "console-fingerprint = " + fingerprint + "\n");
    return new Enrollment(token, expiresAt, uses, command, config);
  }
}
