package dev.vigil.console.ui.alerts;

import dev.vigil.console.ui.model.AlertEntry;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import javafx.scene.control.ContentDisplay;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.layout.HBox;

/**
 * The feed's badges for a problem: who acknowledged it and when, who snoozed it and until when. A
 * snooze that has run out shows no badge.
 */
final class BadgeCell extends TableCell<AlertEntry, AlertEntry> {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneId.systemDefault());

  private final HBox badges = new HBox(4);

  BadgeCell() {
    setContentDisplay(ContentDisplay.GRAPHIC_ONLY);
  }

  /** The acknowledgement badge's text. */
  static String acknowledged(AlertEntry e) {
    return "Acked by " + e.acknowledgedBy() + " " + TIME.format(at(e.acknowledgedAtMillis()));
  }

  /** The snooze badge's text. */
  static String snoozed(AlertEntry e) {
    return "Snoozed by "
        + (e.snoozedBy().isEmpty() ? "someone" : e.snoozedBy())
        + " until "
        + TIME.format(at(e.snoozedUntilMillis()));
  }

  private static Instant at(long millis) {
    return Instant.ofEpochMilli(millis);
  }

  @Override
  protected void updateItem(AlertEntry e, boolean empty) {
    super.updateItem(e, empty);
    badges.getChildren().clear();
    if (empty || e == null) {
      setGraphic(null);
      setTooltip(null);
      return;
    }
    StringBuilder tip = new StringBuilder();
    if (!e.acknowledgedBy().isEmpty()) {
      badges.getChildren().add(badge(acknowledged(e), "badge-acknowledged"));
      tip.append(acknowledged(e));
    }
    if (e.snoozedAt(System.currentTimeMillis())) {
      badges.getChildren().add(badge(snoozed(e), "badge-snoozed"));
      tip.append(tip.isEmpty() ? "" : "; ").append(snoozed(e));
    }
    setGraphic(badges.getChildren().isEmpty() ? null : badges);
    setTooltip(tip.isEmpty() ? null : new javafx.scene.control.Tooltip(tip.toString()));
  }

  private static Label badge(String text, String kind) {
    Label l = new Label(text);
    l.getStyleClass().addAll("badge", kind);
    l.setMinWidth(Label.USE_PREF_SIZE);
    return l;
  }
}
