package dev.vigil.console.ui.window;

import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.event.Event;
import javafx.event.EventHandler;
import javafx.scene.input.InputEvent;
import javafx.scene.input.MouseEvent;
import javafx.stage.Window;
import javafx.stage.WindowEvent;

/**
 * Modality kept by the console itself: while a dialog is open, its owner takes no input and cannot
 * be closed, and a click on it brings the dialog back to the front. JavaFX's own modality disables
 * the owner's native window, which GTK does by fixing its size, and a window manager then takes a
 * maximised window out of maximised (seen with openbox on JavaFX 21 and 23). FX thread only.
 */
final class OwnerBlock {
  private final Window owner;
  private final Window dialog;
  private final EventHandler<InputEvent> input = this::refuse;
  private final EventHandler<WindowEvent> close = this::refuse;

  private OwnerBlock(Window owner, Window dialog) {
    this.owner = owner;
    this.dialog = dialog;
  }

  /** Blocks {@code owner} until {@code dialog} is hidden. */
  static void whileShowing(Window owner, Window dialog) {
    OwnerBlock block = new OwnerBlock(owner, dialog);
    owner.addEventFilter(InputEvent.ANY, block.input);
    owner.addEventFilter(WindowEvent.WINDOW_CLOSE_REQUEST, block.close);
    Blocks blocks = blocks(owner);
    blocks.count++;
    blocks.blocked.set(true);
    dialog.addEventHandler(WindowEvent.WINDOW_HIDDEN, e -> block.release());
  }

  /** Whether a dialog blocks {@code owner} now: what floats above the owner steps aside then. */
  static ReadOnlyBooleanProperty blockedProperty(Window owner) {
    return blocks(owner).blocked.getReadOnlyProperty();
  }

  private static Blocks blocks(Window owner) {
    return (Blocks) owner.getProperties().computeIfAbsent(Blocks.class, k -> new Blocks());
  }

  private void release() {
    owner.removeEventFilter(InputEvent.ANY, input);
    owner.removeEventFilter(WindowEvent.WINDOW_CLOSE_REQUEST, close);
    Blocks blocks = blocks(owner);
    blocks.count = Math.max(0, blocks.count - 1);
    blocks.blocked.set(blocks.count > 0);
  }

  /** The dialogs blocking one owner, nested ones too. */
  private static final class Blocks {
    private final ReadOnlyBooleanWrapper blocked = new ReadOnlyBooleanWrapper(false);
    private int count;
  }

  private void refuse(Event e) {
    e.consume();
    if (e.getEventType() == MouseEvent.MOUSE_PRESSED
        || e.getEventType() == WindowEvent.WINDOW_CLOSE_REQUEST) {
      dialog.requestFocus();
      if (dialog instanceof javafx.stage.Stage stage) {
        stage.toFront();
      }
    }
  }
}
