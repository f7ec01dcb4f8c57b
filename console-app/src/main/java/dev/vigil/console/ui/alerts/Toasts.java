package dev.vigil.console.ui.alerts;

import java.util.List;
import javafx.animation.PauseTransition;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Popup;
import javafx.stage.PopupWindow;
import javafx.stage.Window;
import javafx.util.Duration;

/**
 * Toast notifications stacked in one popup window anchored inside the owner's bottom-right corner:
 * a new toast is one small card laid out in an existing window, not a new window with its own
 * styling pass and animations, so a pulse that shows one stays short, and the stack never leaves
 * the owner's bounds. Styled by the theme and {@code alerts.css}. FX thread only.
 */
final class Toasts {
  /** How a toast looks: its accent colour and its style class. */
  enum Kind {
    INFO,
    WARNING,
    CRITICAL
  }

  /** A button on a toast; pressing it runs the action and closes the toast. */
  record Action(String label, Runnable run) {}

  /** At most this many toasts at once; a new one pushes out the oldest that may go. */
  static final int MAX_SHOWN = 5;

  private static final double WIDTH = 360;
  private static final double MARGIN = 16;

  private final Window owner;
  private final Popup popup = new Popup();
  private final VBox stack = new VBox();

  Toasts(Window owner) {
    this.owner = owner;
    stack.getStyleClass().add("toast-stack");
    stack.getStylesheets().add(Toasts.class.getResource("alerts.css").toExternalForm());
    stack.setFillWidth(true);
    popup.getContent().add(stack);
    popup.setAutoHide(false);
    popup.setHideOnEscape(false);
    popup.setAutoFix(true);
    // The stack grows upwards from the owner's bottom-right corner as toasts come and go.
    popup.setAnchorLocation(PopupWindow.AnchorLocation.CONTENT_BOTTOM_RIGHT);
    owner.xProperty().addListener((obs, was, now) -> place());
    owner.yProperty().addListener((obs, was, now) -> place());
    owner.widthProperty().addListener((obs, was, now) -> place());
    owner.heightProperty().addListener((obs, was, now) -> place());
  }

  /**
   * Shows a toast.
   *
   * @param hideAfter how long it stays, {@link Duration#INDEFINITE} until closed
   * @param onClick run when the toast itself is clicked (it then closes), or null
   * @param actions buttons, each closing the toast after its action
   */
  Toast show(
      Kind kind,
      String title,
      String text,
      Duration hideAfter,
      Runnable onClick,
      List<Action> actions) {
    VBox card = new VBox(4);
    card.getStyleClass().addAll("toast", "toast-" + kind.name().toLowerCase(java.util.Locale.ROOT));
    card.setPrefWidth(WIDTH);
    card.setMaxWidth(WIDTH);

    Label heading = new Label(title);
    heading.getStyleClass().add("toast-title");
    heading.setMaxWidth(Double.MAX_VALUE);
    HBox.setHgrow(heading, Priority.ALWAYS);
    Button close = new Button("\u00d7");
    close.getStyleClass().addAll("toast-close", atlantafx.base.theme.Styles.FLAT);
    close.setOnAction(e -> dismiss(card));
    HBox top = new HBox(8, heading, close);
    top.setAlignment(Pos.CENTER_LEFT);

    Label body = new Label(text);
    body.getStyleClass().add("toast-text");
    body.setWrapText(true);
    body.setMinHeight(Region.USE_PREF_SIZE);
    card.getChildren().addAll(top, body);

    if (!actions.isEmpty()) {
      HBox buttons = new HBox(8);
      buttons.setAlignment(Pos.CENTER_RIGHT);
      for (Action a : actions) {
        Button b = new Button(a.label());
        b.getStyleClass().add(atlantafx.base.theme.Styles.SMALL);
        b.setOnAction(
            e -> {
              a.run().run();
              dismiss(card);
            });
        buttons.getChildren().add(b);
      }
      card.getChildren().add(buttons);
    }
    if (onClick != null) {
      card.setOnMouseClicked(
          e -> {
            if (e.getButton() == MouseButton.PRIMARY && !onAButton(e.getTarget(), card)) {
              onClick.run();
              dismiss(card);
            }
          });
    }
    PauseTransition life = null;
    if (!hideAfter.isIndefinite()) {
      life = new PauseTransition(hideAfter);
      life.setOnFinished(e -> dismiss(card));
      life.play();
    }
    Toast toast = new Toast(kind, card, heading, body, life);
    card.getProperties().put(Toast.class, toast);

    stack.getChildren().add(card);
    while (stack.getChildren().size() > MAX_SHOWN) {
      // The oldest non-critical toast goes first; critical ones wait for the operator.
      var oldest =
          stack.getChildren().stream()
              .filter(n -> toastOf(n).kind != Kind.CRITICAL)
              .findFirst()
              .orElse(stack.getChildren().get(0));
      dismiss((VBox) oldest);
    }
    if (!popup.isShowing() && owner.isShowing()) {
      popup.show(owner, anchorX(), anchorY());
    }
    return toast;
  }

  /** A toast that is up: its text can change in place, and it says when it has gone. */
  final class Toast {
    private final Kind kind;
    private final VBox card;
    private final Label heading;
    private final Label body;
    private final PauseTransition life;
    private Runnable onGone = () -> {};

    private Toast(Kind kind, VBox card, Label heading, Label body, PauseTransition life) {
      this.kind = kind;
      this.card = card;
      this.heading = heading;
      this.body = body;
      this.life = life;
    }

    /** New text; a toast that hides by itself starts its time again. */
    void update(String title, String text) {
      heading.setText(title);
      body.setText(text);
      if (life != null) {
        life.playFromStart();
      }
    }

    boolean isShown() {
      return stack.getChildren().contains(card);
    }

    /** Runs once the toast has gone, however it went. */
    void onGone(Runnable action) {
      this.onGone = action;
    }

    private void gone() {
      if (life != null) {
        life.stop();
      }
      onGone.run();
    }
  }

  private static Toast toastOf(javafx.scene.Node card) {
    return (Toast) card.getProperties().get(Toast.class);
  }

  /** Whether a click landed on one of the card's buttons (or the text inside one). */
  private static boolean onAButton(Object target, VBox card) {
    for (javafx.scene.Node n = target instanceof javafx.scene.Node node ? node : null;
        n != null && n != card;
        n = n.getParent()) {
      if (n instanceof Button) {
        return true;
      }
    }
    return false;
  }

  /** Closes every toast (the window is closing). */
  void clear() {
    List.copyOf(stack.getChildren()).forEach(n -> dismiss((VBox) n));
    popup.hide();
  }

  private void dismiss(VBox card) {
    if (stack.getChildren().remove(card)) {
      toastOf(card).gone();
    }
    if (stack.getChildren().isEmpty()) {
      popup.hide();
    }
  }

  private void place() {
    popup.setAnchorX(anchorX());
    popup.setAnchorY(anchorY());
  }

  private double anchorX() {
    return owner.getX() + owner.getWidth() - MARGIN;
  }

  private double anchorY() {
    // Above the status bar, inside the window.
    return owner.getY() + owner.getHeight() - 2.5 * MARGIN;
  }
}
