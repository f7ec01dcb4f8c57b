package dev.vigil.console.ui;

import dev.vigil.console.manager.AlertEvent;
import dev.vigil.console.manager.CommandOutcome;
import dev.vigil.protocol.AlertState;
import dev.vigil.protocol.Severity;
import java.util.List;
import java.util.function.Consumer;
import javafx.geometry.Pos;
import javafx.stage.Window;
import javafx.util.Duration;
import org.controlsfx.control.Notifications;

/**
 * Pops up alerts and command outcomes: critical alerts stay until dismissed, a burst collapses into
 * one summary, a click selects the agent. FX thread only.
 */
public final class Notifier {
  /** More alerts than this in one pulse become one summary popup. */
  static final int BURST = 3;

  private final Window owner;
  private final Consumer<String> selectAgent;
  private boolean muted;

  public Notifier(Window owner, Consumer<String> selectAgent) {
    this.owner = owner;
    this.selectAgent = selectAgent;
  }

  public void setMuted(boolean muted) {
    this.muted = muted;
  }

  /** Shows one pulse's new alerts. */
  public void alerts(List<AlertEvent> all) {
    List<AlertEvent> batch = all.stream().filter(e -> !e.snoozed()).toList();
    if (muted || batch.isEmpty()) {
      return;
    }
    if (batch.size() > BURST) {
      long firing = batch.stream().filter(e -> e.alert().state() == AlertState.FIRING).count();
      base()
          .title(batch.size() + " alerts")
          .text(firing + " firing, " + (batch.size() - firing) + " resolved; see the alert feed.")
          .hideAfter(Duration.seconds(10))
          .showWarning();
      return;
    }
    for (AlertEvent e : batch) {
      Notifications n =
          base()
              .title(title(e))
              .text(e.alert().message())
              .onAction(a -> selectAgent.accept(e.agentId()));
      if (e.alert().state() == AlertState.RESOLVED) {
        n.hideAfter(Duration.seconds(6)).showInformation();
      } else if (e.alert().severity() == Severity.CRITICAL) {
        n.hideAfter(Duration.INDEFINITE).showError();
      } else {
        n.hideAfter(Duration.seconds(15)).showWarning();
      }
    }
  }

  /** Shows finished commands. */
  public void outcomes(List<CommandOutcome> batch) {
    if (muted) {
      return;
    }
    for (CommandOutcome o : batch) {
      if (o.command().equals("processes") || o.command().equals("refresh")) {
        continue; // answered in place; only actions that change something pop up
      }
      Notifications n =
          base()
              .title(o.command() + " " + o.hostname())
              .text(FleetModel.describe(o))
              .hideAfter(Duration.seconds(6));
      if (o.status() == CommandOutcome.Status.SUCCEEDED) {
        n.showInformation();
      } else {
        n.showWarning();
      }
    }
  }

  private static String title(AlertEvent e) {
    String what =
        e.alert().state() == AlertState.RESOLVED ? "Resolved" : severityWord(e.alert().severity());
    return what + ": " + e.alert().rule() + " on " + e.hostname();
  }

  private static String severityWord(Severity s) {
    return s == Severity.CRITICAL ? "Critical" : "Warning";
  }

  private Notifications base() {
    return Notifications.create().owner(owner).position(Pos.BOTTOM_RIGHT);
  }
}
