package dev.vigil.console.ui.controls;

import dev.vigil.console.manager.api.ManagerLink;
import dev.vigil.console.manager.api.ManagerLinks;
import java.util.List;
import java.util.function.IntConsumer;
import java.util.stream.Collectors;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.application.Platform;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.util.Duration;

/**
 * The status bar's part for a window attached to several managers: each manager with its agents, or
 * "unreachable" and why in the tooltip. Read every two seconds off the FX thread (a manager's info
 * is a call over the network), shown on it.
 */
public final class ManagersStatus {
  private final Label label = new Label();
  private final ManagerLinks links;
  private final IntConsumer count;
  private final Timeline timer;
  private volatile boolean reading;

  /**
   * @param count told on the FX thread how many managers the window holds, after each reading
   */
  public ManagersStatus(ManagerLinks links, IntConsumer count) {
    this.links = links;
    this.count = count;
    label.setId("managers-status");
    timer = new Timeline(new KeyFrame(Duration.seconds(2), e -> read()));
    timer.setCycleCount(Timeline.INDEFINITE);
  }

  public Label view() {
    return label;
  }

  /** Starts reading; the first reading is at once. */
  public void start() {
    read();
    timer.play();
  }

  public void stop() {
    timer.stop();
  }

  private void read() {
    if (reading) {
      return;
    }
    reading = true;
    Thread.ofVirtual()
        .name("vigil-managers-status")
        .start(
            () -> {
              try {
                List<ManagerLink> now = links.links();
                Platform.runLater(() -> show(now));
              } finally {
                reading = false;
              }
            });
  }

  private void show(List<ManagerLink> now) {
    label.setText(text(now));
    label.setTooltip(new Tooltip(details(now)));
    count.accept(now.size());
  }

  /** "east:7472 3 agents · west:7472 unreachable". */
  static String text(List<ManagerLink> links) {
    return links.stream()
        .map(
            l ->
                l.name()
                    + " "
                    + (l.attached()
                        ? l.agents() + (l.agents() == 1 ? " agent" : " agents")
                        : "unreachable"))
        .collect(Collectors.joining("  ·  "));
  }

  private static String details(List<ManagerLink> links) {
    return links.stream()
        .map(
            l -> {
              String listeners =
                  l.info() == null
                      ? ""
                      : "\n  agents on "
                          + l.info().agentListener()
                          + ", alert datagrams on "
                          + l.info().alertListener();
              return l.name() + ": " + l.sentence() + listeners;
            })
        .collect(Collectors.joining("\n"));
  }
}
