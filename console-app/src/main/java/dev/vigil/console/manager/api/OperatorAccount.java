package dev.vigil.console.manager.api;

/**
 * An operator the manager knows by key, as admins list them. Immutable.
 *
 * @param name the operator's name, unique on this manager
 * @param fingerprint the key their console attaches with
 * @param role what they may do
 * @param addedBy who invited them ("admin token" for the first admin)
 * @param addedAtMillis when their console first attached
 */
public record OperatorAccount(
    String name, String fingerprint, Role role, String addedBy, long addedAtMillis) {}
