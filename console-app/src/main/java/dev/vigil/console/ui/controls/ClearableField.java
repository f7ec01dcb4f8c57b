package dev.vigil.console.ui.controls;

import atlantafx.base.controls.CustomTextField;
import atlantafx.base.theme.Styles;
import javafx.scene.Cursor;
import javafx.scene.control.Button;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;

/**
 * A text field with a clear button on its right while it holds text, styled by the AtlantaFX theme.
 * It replaces ControlsFX's clearable field, whose stylesheet looks up Modena's colours and logs a
 * dozen CSS warnings under AtlantaFX.
 */
public final class ClearableField {
  private ClearableField() {}

  /** A new, empty field; its clear button has the style class {@code clear-button}. */
  public static TextField create() {
    CustomTextField field = new CustomTextField();
    Button clear = new Button("✕");
    clear.getStyleClass().addAll("clear-button", Styles.FLAT, Styles.SMALL);
    clear.setFocusTraversable(false);
    clear.setCursor(Cursor.DEFAULT);
    clear.setTooltip(new Tooltip("Clear"));
    clear.setOnAction(
        e -> {
          field.clear();
          field.requestFocus();
        });
    clear.visibleProperty().bind(field.textProperty().isNotEmpty());
    field.setRight(clear);
    return field;
  }
}
