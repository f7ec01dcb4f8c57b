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
 * width, title and sort arrow included (and the column menu's button over the last column), as the
 * theme draws it, and again whenever a title's font or text changes (a desktop's fonts and themes
 * arrive after the first layout). A table narrower than its columns then shows less of its last
 * column instead of "S…". FX thread only.
 */
public final class ColumnHeaders {
  /** Room for the sort arrow beside a title, whether or not the column is sorted now. */
  private static final double SORT_ARROW = 14;

  /** Marks a title label already watched for font and text changes. */
  private static final Object WATCHED = new Object();

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
    TableColumn<?, ?> last = lastVisible(table);
    Node menuButton =
        table.isTableMenuButtonVisible() ? table.lookup(".show-hide-columns-button") : null;
    for (Node node : table.lookupAll(".column-header")) {
      if (!(node instanceof TableColumnHeader header) || header.getTableColumn() == null) {
        continue;
      }
      Label title = (Label) header.lookup(".label");
      if (title == null || title.getText() == null || title.getText().isEmpty()) {
        continue;
      }
      if (title.getProperties().putIfAbsent(WATCHED, WATCHED) == null) {
        title.fontProperty().addListener((obs, was, now) -> later(table));
        title.textProperty().addListener((obs, was, now) -> later(table));
      }
      TableColumnBase<?, ?> column = header.getTableColumn();
      double needed =
          Math.ceil(
              title.prefWidth(-1)
                  + header.snappedLeftInset()
                  + header.snappedRightInset()
                  + SORT_ARROW
                  + (column == last && menuButton != null ? menuButton.prefWidth(-1) : 0));
      if (column.getMinWidth() < needed) {
        column.setMinWidth(needed);
        if (column.getPrefWidth() < needed) {
          column.setPrefWidth(needed);
        }
      }
    }
  }

  /**
   * The rightmost visible column: a constrained table gives it what is left, so it shrinks first.
   */
  private static TableColumn<?, ?> lastVisible(TableView<?> table) {
    TableColumn<?, ?> last = null;
    for (TableColumn<?, ?> c : table.getVisibleLeafColumns()) {
      last = c;
    }
    return last;
  }
}
