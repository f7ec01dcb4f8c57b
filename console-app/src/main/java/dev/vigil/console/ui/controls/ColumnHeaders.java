package dev.vigil.console.ui.controls;

import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableColumnBase;
import javafx.scene.control.TableView;
import javafx.scene.control.skin.TableColumnHeader;

/**
 * Keeps a table's column titles whole: each column's minimum width becomes at least its header's
 * width, title and sort arrow included, as the theme draws it. A table narrower than its columns
 * then scrolls sideways instead of showing "S…". FX thread only.
 */
public final class ColumnHeaders {
  /** Room for the sort arrow beside a title, whether or not the column is sorted now. */
  private static final double SORT_ARROW = 14;

  private ColumnHeaders() {}

  /** Applies the rule now and whenever the table's skin or a column's visibility changes. */
  public static void neverCut(TableView<?> table) {
    table.skinProperty().addListener((obs, was, now) -> later(table));
    for (TableColumn<?, ?> column : table.getColumns()) {
      column.visibleProperty().addListener((obs, was, now) -> later(table));
    }
    later(table);
  }

  private static void later(TableView<?> table) {
    Platform.runLater(() -> fit(table));
  }

  private static void fit(TableView<?> table) {
    for (Node node : table.lookupAll(".column-header")) {
      if (!(node instanceof TableColumnHeader header) || header.getTableColumn() == null) {
        continue;
      }
      Label title = (Label) header.lookup(".label");
      if (title == null || title.getText() == null || title.getText().isEmpty()) {
        continue;
      }
      double needed =
          Math.ceil(
              title.prefWidth(-1)
                  + header.snappedLeftInset()
                  + header.snappedRightInset()
                  + SORT_ARROW);
      TableColumnBase<?, ?> column = header.getTableColumn();
      if (column.getMinWidth() < needed) {
        column.setMinWidth(needed);
        if (column.getPrefWidth() < needed) {
          column.setPrefWidth(needed);
        }
      }
    }
  }
}
