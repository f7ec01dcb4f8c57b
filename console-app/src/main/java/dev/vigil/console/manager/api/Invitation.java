package dev.vigil.console.manager.api;

import java.time.Instant;

/**
 * A single-use operator token an admin made, and the command line that attaches with it. The
 * manager keeps only the token's hash. Immutable.
 *
 * @param name the operator the token enrolls
 * @param role the role they get
 * @param token the secret, shown once
 * @param expiresAt after this the token admits no one
 * @param command the command line the invitee runs, token included
 */
public record Invitation(String name, Role role, String token, Instant expiresAt, String command) {}
