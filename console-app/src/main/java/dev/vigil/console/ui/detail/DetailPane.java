package dev.vigil.console.ui.detail;

import dev.vigil.console.manager.api.AgentSnapshot;
import dev.vigil.console.manager.api.AgentView;
import dev.vigil.console.manager.api.AlertEvent;
import dev.vigil.console.manager.api.Metric;
import dev.vigil.console.manager.api.MinuteAggregate;
import dev.vigil.console.ui.model.AgentRow;
import dev.vigil.console.ui.model.FleetActions;
import dev.vigil.protocol.message.Inventory;
import dev.vigil.protocol.message.SlowReport;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TabPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * The selected agent in depth: a title over four tabs, {@link ChartsTab}, {@link SystemTab}, {@link
 * ProcessesTab} and {@link ChecksTab}, kept current by a {@link DetailPoller} while an agent is
 * shown. FX thread only.
 */
public final class DetailPane {
  private final VBox root = new VBox(8);
  private final VBox content = new VBox(8);
  private final Label placeholder = new Label("Select an agent to see its details.");
  private final Label title = new Label();
  private final Label subtitle = new Label();
  private final ChartsTab charts;
  private final SystemTab system = new SystemTab();
  private final ProcessesTab processes;
  private final ChecksTab checks;
  private final DetailPoller poller;
  private final RuleLines rules = new RuleLines();
  private SlowReport slow;

  /** A pane that reads agents through {@code actions} and sends their kill commands there. */
  public DetailPane(FleetActions actions) {
    root.setId("detail-pane");
    root.getStyleClass().add("detail-pane");
    root.getStylesheets().add(DetailPane.class.getResource("detail.css").toExternalForm());
    root.setPadding(new Insets(8, 10, 8, 10));
    title.getStyleClass().add("detail-title");
    subtitle.getStyleClass().add("detail-subtitle");
    placeholder.getStyleClass().add("detail-placeholder");

    processes = new ProcessesTab(actions);
    checks = new ChecksTab(actions);
    charts = new ChartsTab(this::rangeChanged);
    poller =
        new DetailPoller(
            actions,
            charts::range,
            new DetailPoller.Sink() {
              @Override
              public void view(AgentView view, ChartRange r) {
                apply(view, r);
              }

              @Override
              public void history(Map<Metric, List<MinuteAggregate>> history, ChartRange r) {
                charts.showHistory(history, r);
              }

              @Override
              public void gone() {
                show(null);
              }
            });

    TabPane tabs = new TabPane(charts.tab(), system.tab(), processes.tab(), checks.tab());
    tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
    VBox.setVgrow(tabs, Priority.ALWAYS);
    content.getChildren().addAll(title, subtitle, tabs);
    VBox.setVgrow(content, Priority.ALWAYS);
    root.getChildren().add(placeholder);
  }

  /** A section's bold title inside a tab. */
  static Label section(String text) {
    Label l = new Label(text);
    l.getStyleClass().add("section-title");
    return l;
  }

  /** The pane's node. */
  public Node view() {
    return root;
  }

  /**
   * Shows an agent (null: none) and keeps it current; its row's host heads the pane at once, before
   * the manager's first answer (which an attached console waits for over the network).
   */
  public void show(AgentRow row) {
    String id = row == null ? null : row.agentId();
    if (!poller.follow(id)) {
      return; // shown already
    }
    if (id == null) {
      root.getChildren().setAll(placeholder);
    } else {
      root.getChildren().setAll(content);
      charts.clear();
      checks.clear();
      title.setText(row.hostnameProperty().get().isEmpty() ? "…" : row.hostnameProperty().get());
      subtitle.setText("");
    }
    slow = null;
    processes.agent(null);
  }

  /** Learns the agents' rule levels from a pulse's alerts, for the charts' lines. */
  public void alertsSeen(List<AlertEvent> batch) {
    rules.learn(batch);
  }

  private void rangeChanged() {
    poller.rangeChanged();
  }

  private void apply(AgentView v, ChartRange r) {
    AgentSnapshot a = v.snapshot();
    title.setText(a.hostname());
    subtitle.setText(
        a.status().name().toLowerCase(Locale.ROOT)
            + "   ·   "
            + (a.address().isEmpty() ? "not connected" : a.address())
            + (a.os().isEmpty() ? "" : "   ·   " + a.os()));
    if (r.live) {
      charts.showLive(v.live(), r);
    }
    Inventory inventory = v.details() == null ? null : v.details().inventory();
    charts.showLines(
        rules.of(a.agentId(), "cpu", inventory), rules.of(a.agentId(), "memory", inventory));
    system.show(a, inventory);
    if (v.details() != null && v.details().slow() != slow) {
      slow = v.details().slow();
      system.showFileSystems(slow);
      processes.showProcesses(slow);
    }
    processes.agent(a);
    checks.agent(a);
    checks.show(a.agentId(), a.checks());
  }
}
