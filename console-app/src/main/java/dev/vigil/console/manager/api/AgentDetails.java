package dev.vigil.console.manager.api;

import dev.vigil.protocol.message.Inventory;
import dev.vigil.protocol.message.SlowReport;

/**
 * The slower-changing part of an agent's picture: its inventory (once per session) and its latest
 * file systems and top processes. Immutable; either part may be null until first reported.
 *
 * @param inventory the machine's inventory
 * @param slow the latest file systems and top processes
 */
public record AgentDetails(Inventory inventory, SlowReport slow) {
  public AgentDetails with(Inventory newInventory) {
    return new AgentDetails(newInventory, slow);
  }

  public AgentDetails with(SlowReport newSlow) {
    return new AgentDetails(inventory, newSlow);
  }
}
