package dev.vigil.console.ui.alerts;

import dev.vigil.console.manager.api.AlertEvent;
import dev.vigil.console.manager.api.CommandOutcome;
import dev.vigil.console.ui.model.FleetActions;
import dev.vigil.console.ui.model.Settings;
import dev.vigil.protocol.message.AlertState;
import dev.vigil.protocol.message.Severity;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.stage.Window;
import javafx.util.Duration;

/**
 * Pops up alerts and command outcomes: at most {@link Toasts#MAX_SHOWN} at once and one summary
 * that counts the rest and dismisses all; a burst collapses into that summary, a critical alert
 * folds into it after {@link #CRITICAL_STAY} (or when pushed out), a click selects the agent, and a
 * firing alert can be acknowledged or snoozed from its popup. FX thread only.
 */
public final class Notifier {
  /** More alerts than this in one pulse are counted in the summary popup, critical ones aside. */
  static final int BURST = 3;

  /**
   * At most this many single popups (critical ones aside) in {@link #WINDOW_MILLIS}; the rest are
   * counted in one summary, so that a fleet-wide wave does not bury the window.
   */
  static final int MAX_POPUPS = 3;

  static final long WINDOW_MILLIS = 10_000;

  /** How long a critical alert's own popup stays before it folds into the summary. */
  static final Duration CRITICAL_STAY = Duration.seconds(30);

  private final java.util.ArrayDeque<Long> shownAt = new java.util.ArrayDeque<>();
  private int heldTotal;
  private int heldFiring;
  private Toasts.Toast summary;

  private final Toasts toasts;
  private final Consumer<String> selectAgent;
  private final FleetActions actions;
  private final BiConsumer<Long, String> acknowledged;
  private Settings.Popups level = Settings.Popups.ALL;
  private Duration criticalStay = CRITICAL_STAY;
  private boolean muted;

  /**
   * A notifier for a window.
   *
   * @param selectAgent called with an agent's id when its popup is clicked
   * @param acknowledged called on the FX thread with an alert's id and who acknowledged it
   */
  public Notifier(
      Window owner,
      Consumer<String> selectAgent,
      FleetActions actions,
      BiConsumer<Long, String> acknowledged) {
    this.toasts = new Toasts(owner);
    this.selectAgent = selectAgent;
    this.actions = actions;
    this.acknowledged = acknowledged;
  }

  /** Which alerts pop up; {@code OFF} also silences command outcomes. */
  public void setLevel(Settings.Popups level) {
    this.level = level;
    this.muted = level == Settings.Popups.OFF;
  }

  /** Keeps the popups inside the bottom-right corner of {@code node} and no taller than it. */
  public void anchorTo(javafx.scene.Node node) {
    toasts.anchorTo(node);
  }

  /** Another time for critical popups before they fold (tests need no 30 s wait). */
  void criticalStay(Duration stay) {
    this.criticalStay = stay;
  }

  /** Closes every popup and forgets what the summary counted. */
  public void dismissAll() {
    toasts.clear();
    heldTotal = 0;
    heldFiring = 0;
  }

  /** Shows one pulse's new alerts. */
  public void alerts(List<AlertEvent> all) {
    List<AlertEvent> batch =
        all.stream()
            .filter(e -> !e.snoozed())
            .filter(
                e -> level != Settings.Popups.CRITICAL || e.alert().severity() == Severity.CRITICAL)
            .toList();
    if (muted || batch.isEmpty()) {
      return;
    }
    long now = System.currentTimeMillis();
    while (!shownAt.isEmpty() && now - shownAt.peekFirst() > WINDOW_MILLIS) {
      shownAt.pollFirst();
    }
    boolean wave = batch.size() > BURST;
    for (AlertEvent e : batch) {
      boolean critical =
          e.alert().severity() == Severity.CRITICAL && e.alert().state() == AlertState.FIRING;
      // A firing critical alert always gets its own popup; others only while the window is
      // quiet: in a wave, or past the cap, they are counted in the one summary instead.
      if (!critical && (wave || shownAt.size() >= MAX_POPUPS)) {
        heldTotal++;
        if (e.alert().state() == AlertState.FIRING) {
          heldFiring++;
        }
        continue;
      }
      shownAt.addLast(now);
      show(e, critical);
    }
    if (heldTotal > 0) {
      summarise();
    }
  }

  private void show(AlertEvent e, boolean critical) {
    List<Toasts.Action> buttons = List.of();
    boolean mayHandle =
        actions == null || actions.role().includes(dev.vigil.console.manager.api.Role.OPERATOR);
    if (critical && mayHandle) {
      // Only popups that stay get buttons: a warning goes by itself in 15 s; a viewer gets none.
      buttons =
          List.of(
              new Toasts.Action(
                  "Acknowledge",
                  () ->
                      actions
                          .acknowledge(e.id(), "")
                          .thenAccept(
                              who -> {
                                if (!who.isEmpty()) {
                                  Platform.runLater(() -> acknowledged.accept(e.id(), who));
                                }
                              })),
              new Toasts.Action(
                  "Snooze 1 h",
                  () ->
                      actions.snooze(
                          e.agentId(), e.alert().rule(), java.time.Duration.ofHours(1))));
    }
    Toasts.Kind kind;
    Duration stay;
    if (e.alert().state() == AlertState.RESOLVED) {
      kind = Toasts.Kind.INFO;
      stay = Duration.seconds(6);
    } else if (e.alert().severity() == Severity.CRITICAL) {
      kind = Toasts.Kind.CRITICAL;
      stay = criticalStay;
    } else {
      kind = Toasts.Kind.WARNING;
      stay = Duration.seconds(15);
    }
    toasts
        .show(
            kind,
            title(e),
            e.alert().message(),
            stay,
            () -> selectAgent.accept(e.agentId()),
            buttons)
        .onGone(
            how -> {
              // A critical alert whose time ran out, or any alert pushed out by a newer one, is
              // still counted: it folds into the summary rather than vanishing.
              if (how == Toasts.Gone.PUSHED_OUT || (how == Toasts.Gone.EXPIRED && critical)) {
                fold(e);
              }
            });
  }

  private void fold(AlertEvent e) {
    heldTotal++;
    if (e.alert().state() == AlertState.FIRING) {
      heldFiring++;
    }
    summarise();
  }

  /**
   * One summary popup for everything not shown on its own: updated in place while it is up, so a
   * wave of alerts is one popup whose count grows, not a popup per pulse.
   */
  private void summarise() {
    // Not "more": after a wave or a fold it may be the only popup there is.
    String title = heldTotal + (heldTotal == 1 ? " alert" : " alerts") + " without a popup";
    String text =
        heldFiring + " firing, " + (heldTotal - heldFiring) + " resolved; see the alert feed.";
    if (summary != null && summary.isShown()) {
      summary.update(title, text);
      return;
    }
    summary =
        toasts.summary(
            title,
            text,
            Duration.seconds(10),
            List.of(new Toasts.Action("Dismiss all", this::dismissAll)));
    summary.onGone(
        how -> {
          heldTotal = 0;
          heldFiring = 0;
        });
  }

  /** Shows finished commands. */
  public void outcomes(List<CommandOutcome> batch) {
    if (muted) {
      return;
    }
    for (CommandOutcome o : batch) {
      if (!o.command().power()) {
        continue; // answered in place; only actions that change something pop up
      }
      toasts.show(
          o.status() == CommandOutcome.Status.SUCCEEDED ? Toasts.Kind.INFO : Toasts.Kind.WARNING,
          o.command().label() + " " + o.hostname() + (o.dryRun() ? " (dry run)" : ""),
          o.summary(),
          Duration.seconds(6),
          () -> selectAgent.accept(o.agentId()),
          List.of());
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

  /** Closes every popup (the window is closing). */
  public void clear() {
    toasts.clear();
  }
}
