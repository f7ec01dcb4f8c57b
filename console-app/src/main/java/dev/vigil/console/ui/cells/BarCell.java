package dev.vigil.console.ui.cells;

import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TableCell;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;

/**
 * A percentage as its number beside an inline bar coloured by its {@link LoadLevel}; nothing for a
 * negative value (not reported yet). Used by the agent table and the file systems table.
 */
public final class BarCell<S> extends TableCell<S, Number> {
  private final ProgressBar bar = new ProgressBar();
  private final Label label = new Label();
  private final HBox pane = new HBox(6, label, bar);

  /** An empty cell; the table fills it. */
  public BarCell() {
    bar.setMaxWidth(Double.MAX_VALUE);
    HBox.setHgrow(bar, Priority.ALWAYS);
    bar.getStyleClass().add("load-bar");
    label.getStyleClass().add("load-label");
    label.setMinWidth(52);
    label.setAlignment(Pos.CENTER_RIGHT);
    pane.setAlignment(Pos.CENTER_LEFT);
  }

  @Override
  protected void updateItem(Number item, boolean empty) {
    super.updateItem(item, empty);
    if (empty || item == null || item.doubleValue() < 0) {
      setGraphic(null);
      return;
    }
    double v = item.doubleValue();
    bar.setProgress(v / 100);
    LoadLevel.mark(bar, v);
    label.setText(text(v));
    setGraphic(pane);
  }

  /**
   * "42.5 %", and "100 %" for a full one: "100.0 %" did not fit beside the bar at the column's
   * width and read "100.0…" (seen under openbox).
   */
  static String text(double percent) {
    return percent >= 99.95 ? "100 %" : String.format("%.1f %%", percent);
  }
}
