package dev.vigil.console.ui;

import dev.vigil.console.manager.api.AgentDetails;
import dev.vigil.console.manager.api.AgentSnapshot;
import dev.vigil.console.manager.history.MetricHistory;

/**
 * What the detail pane shows of one agent at one moment.
 *
 * @param snapshot its latest snapshot
 * @param details its inventory, file systems and top processes, or null before it reported them
 * @param live its recent samples at full resolution
 */
public record AgentView(
    AgentSnapshot snapshot, AgentDetails details, MetricHistory.LiveSeries live) {}
