package dev.vigil.console.manager.api;

/**
 * An invitation not used yet, as admins list them: who it is for, never its token. Immutable.
 *
 * @param name the operator it enrolls
 * @param role the role they will get
 * @param invitedBy the admin who made it
 * @param expiresAtMillis when its token stops admitting anyone
 */
public record PendingInvitation(String name, Role role, String invitedBy, long expiresAtMillis) {}
