package dev.vigil.console.attach;

import dev.vigil.console.manager.api.AgentSnapshot;
import dev.vigil.console.manager.api.AlertEvent;
import dev.vigil.console.manager.api.CommandOutcome;
import dev.vigil.console.manager.api.FleetListener;
import dev.vigil.console.manager.api.ProblemChange;
import java.util.List;

/** One manager's events as a window with several managers passes them on: named, ids mapped. */
final class Relay implements FleetListener {
  private final ManagerSet.Member member;
  private final FanOut to;

  Relay(ManagerSet.Member member, List<FleetListener> to) {
    this.member = member;
    this.to = new FanOut(to);
  }

  @Override
  public void agentChanged(AgentSnapshot agent) {
    AgentSnapshot marked = member.mark(agent);
    each(l -> l.agentChanged(marked));
  }

  @Override
  public void agentRemoved(String agentId) {
    each(l -> l.agentRemoved(agentId));
  }

  @Override
  public void alertReceived(AlertEvent alert) {
    AlertEvent mapped = ManagerSet.outer(member, alert);
    each(l -> l.alertReceived(mapped));
  }

  @Override
  public void problemChanged(ProblemChange change) {
    ProblemChange mapped =
        new ProblemChange(
            ManagerSet.outer(member, change.problem()),
            change.kind(),
            change.cause() == null ? null : ManagerSet.outer(member, change.cause()));
    each(l -> l.problemChanged(mapped));
  }

  @Override
  public void commandUpdated(CommandOutcome outcome) {
    each(l -> l.commandUpdated(outcome));
  }

  /** Calls every listener; a faulty one never stops the others (FanOut logs it). */
  private void each(java.util.function.Consumer<FleetListener> event) {
    to.each(event);
  }
}
