package dev.vigil.console.manager.api;

import java.time.Instant;

/**
 * What an operator hands to a new machine: a token and the one-line command that uses it.
 *
 * @param token the secret
 * @param expiresAt when the token stops working
 * @param uses how many agents it admits
 * @param command the line to paste on the new machine, to run the agent from a Vigil checkout
 * @param configLines the lines for {@code /etc/vigil/agent.conf} of an agent installed as a service
 */
public record Enrollment(
    String token, Instant expiresAt, int uses, String command, String configLines) {}
