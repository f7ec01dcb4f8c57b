package dev.vigil.console.manager.api;

/**
 * What a detail view shows of one agent at one moment.
 *
 * @param snapshot its latest snapshot
 * @param details its inventory, file systems and top processes, or null before it reported them
 * @param live its recent samples at full resolution
 */
public record AgentView(AgentSnapshot snapshot, AgentDetails details, LiveSeries live) {}
