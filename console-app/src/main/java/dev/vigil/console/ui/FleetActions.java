package dev.vigil.console.ui;

import java.util.List;

/**
 * The commands the window can issue, implemented over the manager; each returns at once and its
 * outcome arrives through the {@link FleetModel}.
 */
public interface FleetActions {
  /** Sends a command to each agent. */
  void send(String command, List<String> agentIds);
}
