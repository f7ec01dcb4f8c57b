package dev.vigil.console.ui.table;

import java.util.function.Function;
import javafx.scene.control.TableCell;

/** A number shown as the text its format gives, or nothing when the format gives null. */
final class FormattedCell<S> extends TableCell<S, Number> {
  private final Function<Number, String> format;

  FormattedCell(Function<Number, String> format) {
    this.format = format;
  }

  @Override
  protected void updateItem(Number item, boolean empty) {
    super.updateItem(item, empty);
    setText(empty || item == null ? null : format.apply(item));
  }
}
