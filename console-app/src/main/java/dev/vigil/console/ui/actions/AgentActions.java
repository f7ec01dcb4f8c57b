package dev.vigil.console.ui.actions;

import dev.vigil.console.manager.api.AgentStatus;
import dev.vigil.console.manager.api.Confirmation;
import dev.vigil.console.ui.dialogs.ApproveDialog;
import dev.vigil.console.ui.dialogs.CommandDialogs;
import dev.vigil.console.ui.model.AgentRow;
import dev.vigil.console.ui.model.FleetActions;
import dev.vigil.protocol.command.CommandArgument;
import dev.vigil.protocol.tls.Fingerprint;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.collections.ObservableList;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.stage.Window;

/**
 * Carries out the {@link AgentAction}s on the selected agents: confirms what changes machines or
 * trust, then hands the work to {@link FleetActions}, which runs it off the FX thread. FX thread
 * only.
 */
public final class AgentActions {
  private final FleetActions fleet;
  private final ObservableList<AgentRow> selection;
  private final Supplier<Window> owner;

  /**
   * @param selection the selected rows, observed to keep menu items current
   * @param owner the window dialogs belong to
   */
  public AgentActions(
      FleetActions fleet, ObservableList<AgentRow> selection, Supplier<Window> owner) {
    this.fleet = fleet;
    this.selection = selection;
    this.owner = owner;
  }

  /** The rows the actions apply to; read-only to callers. */
  ObservableList<AgentRow> selection() {
    return selection;
  }

  /** Whether the action may run on these rows for this console's operator, and if not why. */
  Availability availability(AgentAction action, List<AgentRow> targets) {
    return action.availability(targets, fleet.role());
  }

  /** Runs an action on the selection, if its rule lets it. */
  public void run(AgentAction action) {
    List<AgentRow> targets = List.copyOf(selection);
    if (!availability(action, targets).enabled()) {
      return; // an accelerator or a stale menu: the rule decides, not the caller
    }
    List<String> ids = targets.stream().map(AgentRow::agentId).toList();
    switch (action) {
      case RESTART, SHUTDOWN -> {
        Confirmation words =
            Confirmation.power(
                action.command(),
                targets.stream()
                    .map(r -> new Confirmation.Target(r.getHostname(), r.getAddress(), r.getTags()))
                    .toList());
        if (CommandDialogs.confirm(owner.get(), words, "confirm-" + action.command().wireName())) {
          fleet.send(action.command(), ids);
        }
      }
      case REFRESH -> fleet.send(action.command(), ids);
      case PROCESSES -> showProcesses(targets.get(0));
      case KILL -> askAndKill(targets.get(0));
      case RESTART_SERVICE -> {
        // The units are the submenu's items, each of which calls restartService(unit).
        List<String> units = AgentAction.commonServices(targets);
        if (units.size() == 1) {
          restartService(units.get(0));
        }
      }
      case APPROVE -> {
        // One question per agent: each key is compared on its own.
        Map<String, Fingerprint> confirmed = new LinkedHashMap<>();
        for (AgentRow r : targets.stream().filter(AgentAction::approvable).toList()) {
          String key = r.fingerprintProperty().get();
          if (ApproveDialog.confirm(owner.get(), r.getHostname(), r.getAddress(), key)) {
            confirmed.put(r.agentId(), Fingerprint.parse(key));
          }
        }
        if (!confirmed.isEmpty()) {
          fleet.approve(confirmed);
        }
      }
      case REJECT ->
          fleet.reject(
              targets.stream().filter(AgentAction::awaitsApproval).map(AgentRow::agentId).toList());
      case REKEY -> askAndRekey(targets.get(0));
      case FORGET -> {
        Confirmation words =
            Confirmation.forget(
                targets.stream().map(AgentRow::getHostname).toList(),
                (int)
                    targets.stream()
                        .filter(
                            r ->
                                r.getStatus() == AgentStatus.ONLINE
                                    || r.getStatus() == AgentStatus.STALE)
                        .count());
        if (CommandDialogs.confirm(owner.get(), words, "confirm-forget")) {
          fleet.forget(ids);
        }
      }
      case COPY_ADDRESS -> {
        ClipboardContent content = new ClipboardContent();
        content.putString(String.join("\n", targets.stream().map(AgentRow::getAddress).toList()));
        Clipboard.getSystemClipboard().setContent(content);
      }
    }
  }

  /**
   * Restarts one unit on every selected agent, once the operator confirms a question that names the
   * unit and the hosts; each outcome shows in its row and pops up as any command's does.
   */
  public void restartService(String unit) {
    List<AgentRow> targets = List.copyOf(selection);
    if (!availability(AgentAction.RESTART_SERVICE, targets).enabled()
        || !AgentAction.commonServices(targets).contains(unit)) {
      return;
    }
    Confirmation words =
        Confirmation.restartService(
            unit,
            targets.stream()
                .map(r -> new Confirmation.Target(r.getHostname(), r.getAddress(), r.getTags()))
                .toList());
    if (CommandDialogs.confirm(owner.get(), words, "confirm-restart-service")) {
      for (AgentRow r : targets) {
        fleet.run(
            AgentAction.RESTART_SERVICE.command(),
            r.agentId(),
            Map.of(CommandArgument.UNIT.key(), unit));
      }
    }
  }

  private void showProcesses(AgentRow row) {
    Window window = owner.get();
    fleet
        .run(AgentAction.PROCESSES.command(), row.agentId(), Map.of())
        .whenComplete(
            (outcome, error) ->
                Platform.runLater(
                    () -> CommandDialogs.showProcesses(window, row.getHostname(), outcome, error)));
  }

  /** Asks for the new key, prefilled with the one a refused hello of this agent presented. */
  private void askAndRekey(AgentRow row) {
    Window window = owner.get();
    fleet
        .refusedKey(row.agentId())
        .thenAccept(
            seen ->
                Platform.runLater(
                    () ->
                        CommandDialogs.askKey(
                                window, row.getHostname(), seen.map(Fingerprint::value).orElse(""))
                            .ifPresent(key -> fleet.rekey(row.agentId(), key))));
  }

  private void askAndKill(AgentRow row) {
    CommandDialogs.askPid(owner.get(), row.getHostname())
        .ifPresent(
            pid ->
                fleet.run(
                    AgentAction.KILL.command(),
                    row.agentId(),
                    Map.of(CommandArgument.PID.key(), pid)));
  }
}
