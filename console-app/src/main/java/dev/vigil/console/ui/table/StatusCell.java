package dev.vigil.console.ui.table;

import dev.vigil.console.manager.api.AgentStatus;
import dev.vigil.console.ui.model.AgentRow;
import java.util.Locale;
import javafx.scene.control.TableCell;
import javafx.scene.control.Tooltip;
import javafx.scene.shape.Circle;

/** An agent's status as a word beside a dot whose colour the CSS gives by status. */
final class StatusCell extends TableCell<AgentRow, AgentStatus> {
  private final Circle dot = new Circle(5);
  private final Tooltip unreachable = new Tooltip();

  @Override
  protected void updateItem(AgentStatus item, boolean empty) {
    super.updateItem(item, empty);
    if (empty || item == null) {
      setText(null);
      setGraphic(null);
      return;
    }
    setText(item.name().charAt(0) + item.name().substring(1).toLowerCase(Locale.ROOT));
    AgentRow row = getTableRow() == null ? null : getTableRow().getItem();
    if (item == AgentStatus.UNREACHABLE && row != null) {
      // One tooltip per cell, its text set as the row changes: cells update every second.
      unreachable.setText(
          "Manager unreachable: "
              + row.managerProperty().get()
              + " cannot be reached from this window; this is what it last said");
      setTooltip(unreachable);
    } else {
      setTooltip(null);
    }
    dot.getStyleClass().setAll("status-dot", "status-" + item.name().toLowerCase(Locale.ROOT));
    setGraphic(dot);
  }
}
