package dev.vigil.console.ui;

import javafx.animation.AnimationTimer;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
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
import javafx.stage.Stage;
import javafx.stage.WindowEvent;

/**
 * The console's main window: a filter bar, the agent table over the alert feed, and a status bar.
 * Drains the {@link FleetModel} once per pulse. FX thread only.
 */
public final class ConsoleWindow {
  private final FleetModel model;
  private final AgentTable agents;
  private final AlertFeed feed;
  private final BorderPane root = new BorderPane();
  private final Label status = new Label();
  private final AnimationTimer drainer;
  private final TextField filter;
  private Notifier notifier;

  /**
   * Builds the window's content.
   *
   * @param listeners a short description of the manager's listeners for the status bar
   */
  public ConsoleWindow(FleetModel model, FleetActions actions, String listeners) {
    this.model = model;
    this.agents = new AgentTable(model, actions);
    this.feed = new AlertFeed(model, actions, this::selectAgent);

    Label title = new Label("Vigil");
    title.getStyleClass().add("app-title");
    filter = new TextField();
    filter.setId("agent-filter");
    filter.setPromptText("Filter by host, address or OS (Ctrl+F)");
    filter.setPrefColumnCount(28);
    filter.textProperty().addListener((obs, was, now) -> agents.filter(now));
    ToggleButton mute = new ToggleButton("Mute popups");
    mute.setId("mute-toggle");
    mute.selectedProperty()
        .addListener(
            (obs, was, now) -> {
              if (notifier != null) {
                notifier.setMuted(now);
              }
            });
    Button addAgent = new Button("Add agent…");
    addAgent.setId("add-agent");
    addAgent.setOnAction(e -> AddAgentDialog.show(root.getScene().getWindow(), actions));
    Region spacer = new Region();
    HBox.setHgrow(spacer, Priority.ALWAYS);
    HBox toolbar = new HBox(12, title, filter, addAgent, spacer, mute);
    toolbar.getStyleClass().add("tool-bar-area");
    toolbar.setPadding(new Insets(8, 12, 8, 12));

    Label feedTitle = new Label("Alerts");
    feedTitle.getStyleClass().add("section-title");
    VBox feedBox = new VBox(4, feedTitle, feed.view());
    VBox.setVgrow(feed.view(), Priority.ALWAYS);
    feedBox.setPadding(new Insets(4, 0, 0, 0));
    SplitPane split = new SplitPane(agents.view(), feedBox);
    split.setOrientation(Orientation.VERTICAL);
    split.setDividerPositions(0.68);

    status.setId("status-bar");
    status
        .textProperty()
        .bind(
            Bindings.createStringBinding(
                () ->
                    listeners
                        + "   ·   "
                        + model.onlineProperty().get()
                        + " online, "
                        + model.offlineProperty().get()
                        + " offline, "
                        + model.pendingProperty().get()
                        + " pending   ·   "
                        + firingText(model.firingProperty().get()),
                model.onlineProperty(),
                model.offlineProperty(),
                model.pendingProperty(),
                model.firingProperty()));
    HBox statusBar = new HBox(status);
    statusBar.getStyleClass().add("status-bar");
    statusBar.setPadding(new Insets(4, 12, 4, 12));

    root.setTop(toolbar);
    root.setCenter(split);
    root.setBottom(statusBar);
    root.getStyleClass().add("vigil-root");

    drainer =
        new AnimationTimer() {
          @Override
          public void handle(long now) {
            model.drain();
          }
        };
  }

  private static String firingText(int firing) {
    return switch (firing) {
      case 0 -> "no alerts firing";
      case 1 -> "1 alert firing";
      default -> firing + " alerts firing";
    };
  }

  /** Puts the window on a stage, starts draining, and shows it. */
  public void show(Stage stage) {
    Scene scene = new Scene(root, 1100, 700);
    scene.getStylesheets().add(ConsoleWindow.class.getResource("console.css").toExternalForm());
    stage.setTitle("Vigil Console");
    stage.setScene(scene);
    scene
        .getAccelerators()
        .put(new KeyCodeCombination(KeyCode.Q, KeyCombination.SHORTCUT_DOWN), stage::hide);
    scene
        .getAccelerators()
        .put(new KeyCodeCombination(KeyCode.F, KeyCombination.SHORTCUT_DOWN), filter::requestFocus);
    notifier = new Notifier(stage, this::selectAgent);
    model.onAlerts(notifier::alerts);
    model.onOutcomes(notifier::outcomes);
    stage.addEventHandler(WindowEvent.WINDOW_HIDDEN, e -> drainer.stop());
    drainer.start();
    stage.show();
    agents.view().requestFocus();
  }

  /** Selects an agent's row. */
  public void selectAgent(String agentId) {
    agents.select(agentId);
  }

  public BorderPane root() {
    return root;
  }
}
