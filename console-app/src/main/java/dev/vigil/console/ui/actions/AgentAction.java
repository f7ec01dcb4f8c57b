package dev.vigil.console.ui.actions;

import dev.vigil.console.manager.api.AgentStatus;
import dev.vigil.console.manager.api.Role;
import dev.vigil.console.ui.model.AgentRow;
import dev.vigil.protocol.command.Command;
import java.util.List;
import java.util.function.Function;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;

/**
 * Every action the window offers on selected agents, each defined once: its text, id, shortcut,
 * menu group and the one rule that says whether it may run on a selection. The row menu and the
 * window's Agent menu are both built from this list ({@link ActionMenus}); {@link AgentActions}
 * carries them out. Immutable.
 */
public enum AgentAction {
  RESTART("Restart…", "restart-item", shortcut(KeyCode.R), Command.RESTART, Targets.ALL),
  SHUTDOWN("Shut down…", "shutdown-item", null, Command.SHUTDOWN, Targets.ALL),
  REFRESH(
      "Refresh now",
      "refresh-item",
      new KeyCodeCombination(KeyCode.F5),
      Command.REFRESH,
      Targets.ALL),
  PROCESSES("Processes…", "processes-item", shortcut(KeyCode.P), Command.PROCESSES, Targets.ONE),
  KILL("Kill process…", "kill-item", null, Command.KILL, Targets.ONE),
  /** A submenu of the units every selected agent lets the console restart ({@link ActionMenus}). */
  RESTART_SERVICE(
      "Restart service…",
      "restart-service-item",
      null,
      Group.COMMANDS,
      Command.RESTART_SERVICE,
      AgentAction::serviceAvailability),
  APPROVE(
      "Approve",
      "approve-item",
      null,
      Group.TRUST,
      rows -> Availability.when(rows.stream().anyMatch(AgentAction::approvable))),
  REJECT(
      "Reject",
      "reject-item",
      null,
      Group.TRUST,
      // Only an agent awaiting approval is refused; an approved one is forgotten instead.
      rows -> Availability.when(rows.stream().anyMatch(AgentAction::awaitsApproval))),
  REKEY("Re-key…", "rekey-item", null, Group.TRUST, rows -> Availability.when(rows.size() == 1)),
  FORGET(
      "Forget…",
      "forget-item",
      new KeyCodeCombination(KeyCode.DELETE),
      Group.TRUST,
      rows -> Availability.when(!rows.isEmpty())),
  COPY_ADDRESS(
      "Copy address",
      "copy-item",
      null,
      Group.CLIPBOARD,
      rows -> Availability.when(!rows.isEmpty()));

  /** Where an action sits in a menu; a separator parts the groups. */
  public enum Group {
    COMMANDS,
    TRUST,
    CLIPBOARD
  }

  /** Which of the selected agents a command goes to. */
  private enum Targets {
    /** Each of them. */
    ALL,
    /** Exactly one: with more selected, the command is not offered. */
    ONE
  }

  private final String text;
  private final String id;
  private final KeyCombination accelerator;
  private final Group group;
  private final Command command;
  private final Function<List<AgentRow>, Availability> rule;

  /** A command for agents: offered where {@link CommandGate} lets it go to the targets. */
  AgentAction(
      String text, String id, KeyCombination accelerator, Command command, Targets targets) {
    this(
        text,
        id,
        accelerator,
        Group.COMMANDS,
        command,
        rows ->
            CommandGate.check(command, targets == Targets.ONE && rows.size() > 1 ? List.of() : rows)
                .map(refusal -> Availability.no(refusal.words()))
                .orElse(Availability.YES));
  }

  AgentAction(
      String text,
      String id,
      KeyCombination accelerator,
      Group group,
      Function<List<AgentRow>, Availability> rule) {
    this(text, id, accelerator, group, null, rule);
  }

  AgentAction(
      String text,
      String id,
      KeyCombination accelerator,
      Group group,
      Command command,
      Function<List<AgentRow>, Availability> rule) {
    this.text = text;
    this.id = id;
    this.accelerator = accelerator;
    this.group = group;
    this.command = command;
    this.rule = rule;
  }

  /**
   * Whether Restart service… may run: the command's rule for every row, then at least one unit that
   * every selected agent's allow-services names.
   */
  static Availability serviceAvailability(List<AgentRow> rows) {
    java.util.Optional<dev.vigil.console.manager.api.CommandCheck.Refusal> refusal =
        CommandGate.check(Command.RESTART_SERVICE, rows);
    if (refusal.isPresent()) {
      return Availability.no(
          refusal.get() == dev.vigil.console.manager.api.CommandCheck.Refusal.NOT_ALLOWED
              ? "no service allowed in the agent's config"
              : refusal.get().words());
    }
    return commonServices(rows).isEmpty()
        ? Availability.no("no service allowed on all of them")
        : Availability.YES;
  }

  /** The units every row lets the console restart, in the first row's order. */
  static List<String> commonServices(List<AgentRow> rows) {
    if (rows.isEmpty()) {
      return List.of();
    }
    List<String> common = new java.util.ArrayList<>(rows.get(0).allowedServices());
    rows.forEach(r -> common.retainAll(r.allowedServices()));
    return List.copyOf(common);
  }

  /** Whether Reject applies to the row: an agent awaiting approval. */
  static boolean awaitsApproval(AgentRow row) {
    return row.getStatus() == AgentStatus.PENDING;
  }

  /** Whether Approve applies to the row: one awaiting approval, or one refused before. */
  static boolean approvable(AgentRow row) {
    return row.getStatus() == AgentStatus.PENDING || row.getStatus() == AgentStatus.REJECTED;
  }

  private static KeyCombination shortcut(KeyCode key) {
    return new KeyCodeCombination(key, KeyCombination.SHORTCUT_DOWN);
  }

  /** Whether the action may run on these agents, and if not why. */
  public Availability availability(List<AgentRow> selection) {
    return rule.apply(selection);
  }

  /**
   * Whether an operator of {@code role} may run the action on these agents: commands need the
   * operator role, trust actions the admin role (the manager enforces both; the window reflects
   * them).
   */
  public Availability availability(List<AgentRow> selection, Role role) {
    Role needs =
        group == Group.COMMANDS ? Role.OPERATOR : group == Group.TRUST ? Role.ADMIN : Role.VIEWER;
    return role.includes(needs)
        ? availability(selection)
        : Availability.no("needs the " + needs.word() + " role");
  }

  /**
   * The action's text for a selection: a power command on several machines counts them ("Restart 3
   * machines…"), so nobody restarts more than they meant to.
   */
  public String text(List<AgentRow> selection) {
    boolean counted = command != null && command.power() && command.arguments().isEmpty();
    if (this == RESTART_SERVICE && selection.size() > 1) {
      return "Restart service on " + selection.size() + " machines…";
    }
    return counted && selection.size() > 1
        ? command.label() + " " + selection.size() + " machines…"
        : text;
  }

  /** The menu item's id, for CSS and tests. */
  public String id() {
    return id;
  }

  /** The shortcut in the window's menu, or null. */
  public KeyCombination accelerator() {
    return accelerator;
  }

  public Group group() {
    return group;
  }

  /** The command the action sends, or null for the trust and clipboard actions. */
  Command command() {
    return command;
  }
}
