package dev.vigil.console.ui.actions;

/**
 * Whether an action may run on the selection, and if not why.
 *
 * @param enabled whether it may run
 * @param reason why not, in a few words for the menu; empty when it may, or when the selection
 *     speaks for itself (nothing to approve)
 */
public record Availability(boolean enabled, String reason) {
  /** May run. */
  public static final Availability YES = new Availability(true, "");

  /** May run when {@code ok}; otherwise not, for a reason the selection shows. */
  public static Availability when(boolean ok) {
    return ok ? YES : new Availability(false, "");
  }

  /** May not run, for this reason. */
  public static Availability no(String reason) {
    return new Availability(false, reason);
  }

  /** A menu item's text with the reason after it: "Kill process… (agent offline)". */
  public String label(String text) {
    return reason.isEmpty() ? text : text + " (" + reason + ")";
  }
}
