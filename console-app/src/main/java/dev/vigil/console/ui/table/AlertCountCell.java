package dev.vigil.console.ui.table;

import dev.vigil.console.ui.cells.LoadLevel;
import dev.vigil.console.ui.model.AgentRow;
import javafx.scene.control.TableCell;

/** How many alerts an agent has firing, marked {@code :high} when any; blank when none. */
final class AlertCountCell extends TableCell<AgentRow, Number> {
  @Override
  protected void updateItem(Number item, boolean empty) {
    super.updateItem(item, empty);
    boolean some = !empty && item != null && item.intValue() > 0;
    setText(some ? String.valueOf(item.intValue()) : null);
    pseudoClassStateChanged(LoadLevel.HIGH, some);
  }
}
