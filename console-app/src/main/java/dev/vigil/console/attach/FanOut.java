package dev.vigil.console.attach;

import dev.vigil.console.manager.api.AgentSnapshot;
import dev.vigil.console.manager.api.AlertEvent;
import dev.vigil.console.manager.api.CommandOutcome;
import dev.vigil.console.manager.api.FleetListener;
import dev.vigil.console.manager.api.ProblemChange;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls every listener of an attached console; one that throws is logged and the rest still run.
 */
record FanOut(List<FleetListener> listeners) implements FleetListener {
  private static final Logger LOG = LoggerFactory.getLogger(FanOut.class);

  void each(Consumer<FleetListener> event) {
    for (FleetListener l : listeners) {
      try {
        event.accept(l);
      } catch (RuntimeException e) {
        // A listener's bug must not stop the others nor the attachment: logged once, here.
        LOG.error("A listener of the attached console failed", e);
      }
    }
  }

  @Override
  public void agentChanged(AgentSnapshot agent) {
    each(l -> l.agentChanged(agent));
  }

  @Override
  public void agentRemoved(String agentId) {
    each(l -> l.agentRemoved(agentId));
  }

  @Override
  public void alertReceived(AlertEvent alert) {
    each(l -> l.alertReceived(alert));
  }

  @Override
  public void problemChanged(ProblemChange change) {
    each(l -> l.problemChanged(change));
  }

  @Override
  public void commandUpdated(CommandOutcome outcome) {
    each(l -> l.commandUpdated(outcome));
  }
}
