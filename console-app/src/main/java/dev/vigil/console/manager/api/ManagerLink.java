package dev.vigil.console.manager.api;

/**
 * One manager a window is attached to, as the status bar shows it.
 *
 * @param name how the window names it: its {@code host:port}
 * @param attached whether a session with it is open now
 * @param sentence what happened last ("attached as alice (admin)", or why it is unreachable)
 * @param agents how many of its agents the window holds
 * @param role the role it gave this operator, or null before the first attach
 * @param info its own info, or null before the first attach
 */
public record ManagerLink(
    String name, boolean attached, String sentence, int agents, Role role, ManagerInfo info) {}
