package dev.vigil.console.ui;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import dev.vigil.console.manager.api.Confirmation;
import dev.vigil.console.ui.actions.ActionMenus;
import dev.vigil.console.ui.alerts.AlertFeed;
import dev.vigil.console.ui.alerts.AlertHistoryDialog;
import dev.vigil.console.ui.alerts.Notifier;
import dev.vigil.console.ui.controls.ManagersStatus;
import dev.vigil.console.ui.detail.DetailPane;
import dev.vigil.console.ui.dialogs.AboutDialog;
import dev.vigil.console.ui.dialogs.AddAgentDialog;
import dev.vigil.console.ui.dialogs.CommandDialogs;
import dev.vigil.console.ui.dialogs.ConnectManagerDialog;
import dev.vigil.console.ui.dialogs.OperatorsDialog;
import dev.vigil.console.ui.dialogs.SettingsDialog;
import dev.vigil.console.ui.model.FleetActions;
import dev.vigil.console.ui.model.FleetModel;
import dev.vigil.console.ui.model.Settings;
import dev.vigil.console.ui.table.AgentTable;
import dev.vigil.console.ui.window.WindowFit;
import dev.vigil.console.ui.window.WindowLayout;
import java.util.ArrayList;
import java.util.List;
import javafx.animation.AnimationTimer;
import javafx.application.Application;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Rectangle2D;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Screen;
import javafx.stage.Stage;
import javafx.stage.WindowEvent;

/**
 * The console's main window: menus, a filter bar, the agent table beside the selected agent's
 * details, over the alert feed, and a status bar. Drains the {@link FleetModel} once per pulse,
 * applies the theme and remembers its size and column layout. FX thread only.
 */
public final class ConsoleWindow {
  /**
   * The agent table's share of the width at first start: at the default 1280 wide, enough for every
   * default column's whole title (0.65 left "Last command" half off screen under openbox).
   */
  private static final double FLEET_DIVIDER = 0.7;

  private final FleetModel model;
  private final FleetActions actions;
  private final Settings settings;
  private final AgentTable agents;
  private final AlertFeed feed;
  private final BorderPane root = new BorderPane();
  private final Label status = new Label();
  private final ManagersStatus managers;
  private final AnimationTimer drainer;
  private final TextField filter;
  private final DetailPane detail;
  private final SplitPane fleetSplit;
  private final SplitPane split;
  private final ToggleButton mute;
  private final CheckMenuItem dark = new CheckMenuItem("Dark theme");
  private Notifier notifier;

  /** A window whose preferences last only while it is open. */
  public ConsoleWindow(FleetModel model, FleetActions actions, String listeners) {
    this(model, actions, listeners, Settings.inMemory());
  }

  /**
   * Builds the window's content.
   *
   * @param listeners a short description of the manager's listeners for the status bar
   * @param settings the operator's preferences, read now and saved when the window closes
   */
  public ConsoleWindow(
      FleetModel model, FleetActions actions, String listeners, Settings settings) {
    this.model = model;
    this.actions = actions;
    this.settings = settings;
    this.agents = new AgentTable(model, actions);
    this.feed = new AlertFeed(model, actions, this::selectAgent);

    Label title = new Label("Vigil");
    title.getStyleClass().add("app-title");
    filter = dev.vigil.console.ui.controls.ClearableField.create();
    filter.setId("agent-filter");
    filter.setPromptText("Filter by host, address, OS or tag:NAME (Ctrl+F)");
    filter.setPrefColumnCount(28);
    filter.textProperty().addListener((obs, was, now) -> agents.filter(now));
    agents.clearFilterOnEscape(filter);
    mute = new ToggleButton("Mute popups");
    mute.setId("mute-toggle");
    mute.setSelected(settings.popups() == Settings.Popups.OFF);
    mute.selectedProperty().addListener((obs, was, now) -> applyPopups());
    Button addAgent = new Button("Add agent…");
    addAgent.setId("add-agent");
    addAgent.setOnAction(e -> addAgent());
    Region spacer = new Region();
    HBox.setHgrow(spacer, Priority.ALWAYS);
    HBox toolbar = new HBox(12, title, filter, agents.groupChooser(), addAgent, spacer, mute);
    toolbar.getStyleClass().add("tool-bar-area");
    toolbar.setPadding(new Insets(8, 12, 8, 12));

    VBox feedBox = new VBox(4, feed.header(), feed.view());
    VBox.setVgrow(feed.view(), Priority.ALWAYS);
    feedBox.setPadding(new Insets(4, 0, 0, 0));
    detail = new DetailPane(actions);
    agents.onSelection(detail::show);
    fleetSplit = new SplitPane(agents.view(), detail.view());
    fleetSplit.setDividerPositions(
        WindowLayout.divider(
            settings.number("layout.fleet-divider", FLEET_DIVIDER), FLEET_DIVIDER));
    SplitPane.setResizableWithParent(detail.view(), false);
    split = new SplitPane(fleetSplit, feedBox);
    split.setOrientation(Orientation.VERTICAL);
    split.setDividerPositions(
        WindowLayout.divider(settings.number("layout.feed-divider", 0.66), 0.66));

    status.setId("status-bar");
    // A window over several managers names each of them at the right of the bar instead.
    String where = actions.managers().isPresent() ? "" : listeners + "   ·   ";
    status
        .textProperty()
        .bind(
            Bindings.createStringBinding(
                () ->
                    where
                        + model.onlineProperty().get()
                        + " online, "
                        + model.offlineProperty().get()
                        + " offline, "
                        + model.pendingProperty().get()
                        + " pending"
                        + (model.unreachableProperty().get() == 0
                            ? ""
                            : ", "
                                + model.unreachableProperty().get()
                                + " with their manager unreachable")
                        + "   ·   "
                        + firingText(model.firingProperty().get()),
                model.onlineProperty(),
                model.offlineProperty(),
                model.pendingProperty(),
                model.unreachableProperty(),
                model.firingProperty()));
    Region statusSpacer = new Region();
    HBox.setHgrow(statusSpacer, Priority.ALWAYS);
    HBox statusBar = new HBox(status, statusSpacer);
    managers =
        actions
            .managers()
            .map(links -> new ManagersStatus(links, agents::showManagerColumnFor))
            .orElse(null);
    if (managers != null) {
      statusBar.getChildren().add(managers.view());
    }
    statusBar.getStyleClass().add("status-bar");
    statusBar.setPadding(new Insets(4, 12, 4, 12));

    root.setTop(new VBox(menuBar(), toolbar));
    root.setCenter(split);
    root.setBottom(statusBar);
    root.getStyleClass().add("vigil-root");
    restoreColumns(agents.view(), "layout.agent-columns");
    restoreColumns(feed.view(), "layout.alert-columns");

    drainer =
        new AnimationTimer() {
          @Override
          public void handle(long now) {
            model.drain();
          }
        };
  }

  private MenuBar menuBar() {
    MenuItem add = new MenuItem("Add agent…");
    add.setAccelerator(new KeyCodeCombination(KeyCode.N, KeyCombination.SHORTCUT_DOWN));
    add.setOnAction(e -> addAgent());
    MenuItem connect = new MenuItem("Connect to manager…");
    connect.setId("connect-manager-item");
    connect.setVisible(managers != null);
    connect.setOnAction(
        e ->
            actions
                .managers()
                .ifPresent(
                    links ->
                        ConnectManagerDialog.show(
                            root.getScene().getWindow(), links, added -> managers.start())));
    MenuItem operators = new MenuItem("Operators…");
    operators.setId("operators-item");
    operators.setVisible(actions.managesOperators());
    operators.setOnAction(e -> OperatorsDialog.show(root.getScene().getWindow(), actions));
    MenuItem history = new MenuItem("Alert history…");
    history.setAccelerator(new KeyCodeCombination(KeyCode.H, KeyCombination.SHORTCUT_DOWN));
    history.setOnAction(e -> AlertHistoryDialog.show(root.getScene().getWindow(), actions));
    MenuItem preferences = new MenuItem("Settings…");
    preferences.setId("settings-item");
    preferences.setAccelerator(new KeyCodeCombination(KeyCode.COMMA, KeyCombination.SHORTCUT_DOWN));
    preferences.setOnAction(e -> openSettings());
    MenuItem quit = new MenuItem("Quit");
    quit.setAccelerator(new KeyCodeCombination(KeyCode.Q, KeyCombination.SHORTCUT_DOWN));
    quit.setOnAction(
        e -> {
          if (mayQuit()) {
            root.getScene().getWindow().hide();
          }
        });
    Menu file =
        new Menu(
            "_Vigil",
            null,
            add,
            connect,
            operators,
            history,
            new SeparatorMenuItem(),
            preferences,
            new SeparatorMenuItem(),
            quit);

    MenuItem find = new MenuItem("Find agents");
    find.setAccelerator(new KeyCodeCombination(KeyCode.F, KeyCombination.SHORTCUT_DOWN));
    find.setOnAction(e -> filter.requestFocus());
    dark.setId("dark-theme-item");
    dark.setSelected(settings.theme() == Settings.Theme.DARK);
    dark.setAccelerator(
        new KeyCodeCombination(KeyCode.D, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN));
    dark.setOnAction(
        e -> {
          settings.setTheme(dark.isSelected() ? Settings.Theme.DARK : Settings.Theme.LIGHT);
          applyTheme(settings.theme());
        });
    CheckMenuItem muteItem = new CheckMenuItem("Mute popups");
    muteItem.setAccelerator(new KeyCodeCombination(KeyCode.M, KeyCombination.SHORTCUT_DOWN));
    muteItem.selectedProperty().bindBidirectional(mute.selectedProperty());
    MenuItem dismissPopups = new MenuItem("Dismiss all popups");
    dismissPopups.setId("dismiss-popups-item");
    dismissPopups.setAccelerator(
        new KeyCodeCombination(KeyCode.M, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN));
    dismissPopups.setOnAction(e -> notifier.dismissAll());
    Menu view =
        new Menu("_View", null, find, new SeparatorMenuItem(), dark, muteItem, dismissPopups);

    MenuItem about = new MenuItem("About Vigil");
    about.setId("about-item");
    about.setAccelerator(new KeyCodeCombination(KeyCode.F1));
    about.setOnAction(e -> AboutDialog.show(root.getScene().getWindow(), actions));
    Menu help = new Menu("_Help", null, about);

    MenuBar bar = new MenuBar(file, ActionMenus.agentMenu(agents.actions()), view, help);
    bar.setId("menu-bar");
    return bar;
  }

  private void addAgent() {
    AddAgentDialog.show(root.getScene().getWindow(), actions);
  }

  private void openSettings() {
    javafx.stage.Window window = root.getScene().getWindow();
    SettingsDialog.show(
            window,
            settings,
            () -> dev.vigil.console.ui.dialogs.NotificationsDialog.show(window, actions))
        .ifPresent(
            changed -> {
              dark.setSelected(settings.theme() == Settings.Theme.DARK);
              applyTheme(settings.theme());
              mute.setSelected(settings.popups() == Settings.Popups.OFF);
              applyPopups();
              settings.save();
            });
  }

  /** Switches the whole application between the light and dark AtlantaFX themes. */
  static void applyTheme(Settings.Theme theme) {
    Application.setUserAgentStylesheet(
        theme == Settings.Theme.DARK
            ? new PrimerDark().getUserAgentStylesheet()
            : new PrimerLight().getUserAgentStylesheet());
  }

  private void applyPopups() {
    if (mute.isSelected()) {
      settings.setPopups(Settings.Popups.OFF);
    } else if (settings.popups() == Settings.Popups.OFF) {
      settings.setPopups(Settings.Popups.ALL);
    }
    if (notifier != null) {
      notifier.setLevel(settings.popups());
    }
  }

  private static String firingText(int firing) {
    return switch (firing) {
      case 0 -> "no problems";
      case 1 -> "1 problem firing";
      default -> firing + " problems firing";
    };
  }

  /** Puts the window on a stage, starts draining, and shows it. */
  public void show(Stage stage) {
    applyTheme(settings.theme());
    WindowLayout.Size size =
        WindowLayout.openingSize(
            settings.number("window.width", Double.NaN),
            settings.number("window.height", Double.NaN),
            Screen.getPrimary().getVisualBounds());
    Scene scene = new Scene(root, size.width(), size.height());
    scene.getStylesheets().add(ConsoleWindow.class.getResource("console.css").toExternalForm());
    stage.setTitle("Vigil Console");
    stage.setScene(scene);
    restorePosition(stage);
    notifier = new Notifier(stage, this::selectAgent, actions, model::markAcknowledged);
    notifier.setLevel(settings.popups());
    notifier.anchorTo(agents.view());
    model.onAlerts(
        batch -> {
          notifier.alerts(batch);
          detail.alertsSeen(batch);
        });
    model.onOutcomes(notifier::outcomes);
    stage.addEventHandler(
        WindowEvent.WINDOW_HIDDEN,
        e -> {
          drainer.stop();
          notifier.clear();
          if (managers != null) {
            managers.stop();
          }
          remember(stage);
        });
    stage.setOnCloseRequest(
        e -> {
          if (!mayQuit()) {
            e.consume();
          }
        });
    drainer.start();
    if (managers != null) {
      managers.start();
    }
    WindowFit.mainWindow(stage, size);
    stage.show();
    agents.view().requestFocus();
  }

  private void restorePosition(Stage stage) {
    double x = settings.number("window.x", Double.NaN);
    double y = settings.number("window.y", Double.NaN);
    if (!Double.isNaN(x) && !Double.isNaN(y)) {
      // Only where a screen still shows the window's top-left corner.
      boolean visible =
          Screen.getScreens().stream()
              .map(Screen::getVisualBounds)
              .anyMatch((Rectangle2D b) -> b.contains(x + 20, y + 20));
      if (visible) {
        stage.setX(x);
        stage.setY(y);
      }
    }
    stage.setMaximized(Boolean.parseBoolean(settings.text("window.maximized").orElse("false")));
  }

  private void remember(Stage stage) {
    // Only a sane layout is remembered: a window squeezed by a window manager, or a divider dragged
    // to an edge, would otherwise come back at every start.
    double width = stage.getScene().getWidth();
    double height = stage.getScene().getHeight();
    if (!stage.isMaximized()
        && WindowLayout.saneSize(width, height, WindowFit.visualBounds(stage))) {
      settings.set("window.x", String.valueOf(stage.getX()));
      settings.set("window.y", String.valueOf(stage.getY()));
      settings.set("window.width", String.valueOf(width));
      settings.set("window.height", String.valueOf(height));
    }
    settings.set("window.maximized", String.valueOf(stage.isMaximized()));
    rememberDivider("layout.fleet-divider", fleetSplit.getDividerPositions()[0]);
    rememberDivider("layout.feed-divider", split.getDividerPositions()[0]);
    settings.set("layout.agent-columns", columns(agents.view()));
    settings.set("layout.alert-columns", columns(feed.view()));
    settings.save();
  }

  private void rememberDivider(String key, double position) {
    settings.set(key, WindowLayout.saneDivider(position) ? String.valueOf(position) : null);
  }

  /** A table's columns as "title:width:visible" in their current order. */
  static String columns(TableView<?> table) {
    List<String> parts = new ArrayList<>();
    for (TableColumn<?, ?> c : table.getColumns()) {
      parts.add(
          c.getText().replace(",", " ").replace(":", " ")
              + ":"
              + Math.round(c.getWidth())
              + ":"
              + c.isVisible());
    }
    return String.join(",", parts);
  }

  private <S> void restoreColumns(TableView<S> table, String key) {
    settings.text(key).ifPresent(text -> applyColumns(table, text));
  }

  /** Puts columns back in a remembered order, width and visibility; unknown names are skipped. */
  static <S> void applyColumns(TableView<S> table, String remembered) {
    List<TableColumn<S, ?>> ordered = new ArrayList<>();
    for (String part : remembered.split(",")) {
      String[] f = part.split(":");
      if (f.length != 3) {
        continue;
      }
      for (TableColumn<S, ?> c : table.getColumns()) {
        if (c.getText().replace(",", " ").replace(":", " ").equals(f[0]) && !ordered.contains(c)) {
          try {
            double width = Double.parseDouble(f[1]);
            if (width >= 20 && width <= 2000) {
              c.setPrefWidth(width);
            }
          } catch (NumberFormatException ignored) {
            // a hand-edited width: keep the default
          }
          c.setVisible(!"false".equals(f[2]));
          ordered.add(c);
        }
      }
    }
    for (TableColumn<S, ?> c : table.getColumns()) {
      if (!ordered.contains(c)) {
        ordered.add(c); // columns added since the layout was saved
      }
    }
    table.getColumns().setAll(ordered);
  }

  /**
   * Whether to quit: at once with no agent connected or when attached to a manager that watches on
   * without this window, else once the operator confirms.
   */
  private boolean mayQuit() {
    int connected = model.onlineProperty().get();
    return connected == 0
        || !actions.stopsTheManager()
        || CommandDialogs.confirm(
            root.getScene().getWindow(), Confirmation.quit(connected), "confirm-quit");
  }

  /** Selects an agent's row. */
  public void selectAgent(String agentId) {
    agents.select(agentId);
  }

  /** Shows only alerts of one severity choice and matching text, as the feed's filter does. */
  void filterAlerts(boolean criticalOnly, String text) {
    feed.filter(criticalOnly ? AlertFeed.Shown.CRITICAL_ONLY : AlertFeed.Shown.ALL, text);
  }

  public BorderPane root() {
    return root;
  }
}
