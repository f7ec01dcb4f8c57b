package dev.vigil.console.ui.actions;

import dev.vigil.console.ui.model.AgentRow;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import javafx.collections.ListChangeListener;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;

/**
 * Builds menus from the one list of {@link AgentAction}s, as JabRef's {@code ActionFactory} does: a
 * row's context menu and the window's Agent menu hold the same items in the same order, enabled by
 * the same rules. FX thread only.
 */
public final class ActionMenus {
  private ActionMenus() {}

  /** A row's context menu: every action, brought up to date each time it shows. */
  public static ContextMenu contextMenu(AgentActions actions) {
    Items items = new Items(actions, false, true);
    ContextMenu menu = new ContextMenu(items.all.toArray(MenuItem[]::new));
    menu.setOnShowing(e -> items.update());
    return menu;
  }

  /** The window's Agent menu: every action for the selection, with its shortcut. */
  public static Menu agentMenu(AgentActions actions) {
    Items items = new Items(actions, true, false);
    Menu menu = new Menu("_Agent", null, items.all.toArray(MenuItem[]::new));
    menu.setId("agent-menu");
    menu.setOnShowing(e -> items.update());
    // Accelerators fire without the menu showing: keep the items' state current.
    actions.selection().addListener((ListChangeListener<AgentRow>) c -> items.update());
    return menu;
  }

  /** One menu's items, a separator between groups. */
  private static final class Items {
    final AgentActions actions;
    final Map<AgentAction, MenuItem> byAction = new EnumMap<>(AgentAction.class);
    final List<MenuItem> all = new ArrayList<>();
    final boolean onlyApplicable;

    /**
     * @param onlyApplicable hide an action that does not apply to the selection and has no reason
     *     to show (Reject on an approved agent), as a row's menu should; a menu bar keeps it, off
     */
    Items(AgentActions actions, boolean accelerators, boolean onlyApplicable) {
      this.actions = actions;
      this.onlyApplicable = onlyApplicable;
      AgentAction.Group group = null;
      for (AgentAction action : AgentAction.values()) {
        if (group != null && action.group() != group) {
          all.add(new SeparatorMenuItem());
        }
        group = action.group();
        // Restart service… lists the units; each of its items asks to confirm and sends.
        MenuItem item = action == AgentAction.RESTART_SERVICE ? new Menu() : new MenuItem();
        item.setId(action.id());
        if (accelerators) {
          item.setAccelerator(action.accelerator());
        }
        item.setOnAction(e -> actions.run(action));
        byAction.put(action, item);
        all.add(item);
      }
      update();
    }

    void update() {
      List<AgentRow> selection = List.copyOf(actions.selection());
      byAction.forEach(
          (action, item) -> {
            Availability availability = actions.availability(action, selection);
            item.setText(availability.label(action.text(selection)));
            item.setDisable(!availability.enabled());
            item.setVisible(
                !onlyApplicable || availability.enabled() || !availability.reason().isEmpty());
            if (item instanceof Menu units) {
              List<MenuItem> each = new ArrayList<>();
              if (availability.enabled()) {
                for (String unit : AgentAction.commonServices(selection)) {
                  MenuItem u = new MenuItem(unit);
                  u.getStyleClass().add("restart-service-unit");
                  u.setUserData(unit);
                  u.setOnAction(e -> actions.restartService(unit));
                  each.add(u);
                }
              }
              units.getItems().setAll(each);
            }
          });
    }
  }
}
