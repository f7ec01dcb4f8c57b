package dev.vigil.console.manager;

import dev.vigil.protocol.Inventory;
import dev.vigil.protocol.SlowReport;

/**
 * The slower-changing part of an agent's picture: its inventory (once per session) and its latest
 * file systems and top processes. Immutable; either part may be null until first reported.
 *
 * @param inventory the machine's inventory
 * @param slow the latest file systems and top processes
 */
public record AgentDetails(Inventory inventory, SlowReport slow) {
  AgentDetails with(Inventory newInventory) {
    return new AgentDetails(newInventory, slow);
  }

  AgentDetails with(SlowReport newSlow) {
    return new AgentDetails(inventory, newSlow);
  }
}
