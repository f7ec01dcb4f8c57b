package dev.vigil.console.ui.alerts;

import java.util.List;
import java.util.function.Consumer;
import javafx.animation.PauseTransition;
import javafx.geometry.Bounds;
import javafx.geometry.Pos;
import javafx.scene.Node;
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
 * Toast notifications stacked in one popup window anchored at the bottom-right corner of a chosen
 * node (the agent table, so that neither the alert feed nor the charts are covered), or of the
 * owner window: at most {@link #MAX_SHOWN} cards and one summary card, never taller than that node.
 * A new toast is one small card laid out in an existing window, so a pulse that shows one stays
 * short. The stack steps aside while a dialog blocks the owner. Styled by the theme and {@code
 * alerts.css}. FX thread only.
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

  /** How a toast went. */
  enum Gone {
    /** The operator closed it, clicked it or one of its buttons, or dismissed all. */
    CLOSED,
    /** Its time ran out. */
    EXPIRED,
    /** A newer toast needed its place. */
    PUSHED_OUT
  }

  /** At most this many toasts at once, the summary aside; a new one pushes out the oldest. */
  static final int MAX_SHOWN = 3;

  private static final double WIDTH = 360;
  private static final double MARGIN = 16;

  private final Window owner;
  private final Popup popup = new Popup();
  private final VBox stack = new VBox();
  private final javafx.beans.value.ObservableBooleanValue blocked;
  private Node anchor;
  private VBox summaryCard;

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
    // Above a dialog the stack would cover it, and its buttons would take no clicks (#17).
    blocked = dev.vigil.console.ui.window.WindowFit.blockedProperty(owner);
    blocked.addListener(
        (obs, was, now) -> {
          if (now) {
            popup.hide();
          } else {
            showPopup();
          }
        });
  }

  /** Keeps the stack inside the bottom-right corner of {@code node}, and no taller than it. */
  void anchorTo(Node node) {
    this.anchor = node;
    node.layoutBoundsProperty().addListener((obs, was, now) -> place());
    node.localToSceneTransformProperty().addListener((obs, was, now) -> place());
    place();
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
    Toast toast = card(kind, title, text, hideAfter, onClick, actions);
    stack.getChildren().add(toast.card);
    while (cards() > MAX_SHOWN) {
      // The oldest non-critical toast goes first, then the oldest critical one.
      VBox oldest =
          cardList().stream()
              .filter(n -> toastOf(n).kind != Kind.CRITICAL)
              .findFirst()
              .orElse(cardList().get(0));
      dismiss(oldest, Gone.PUSHED_OUT);
    }
    fitHeight();
    showPopup();
    return toast;
  }

  /**
   * Shows the summary card, or updates it in place: always the top card, not counted in {@link
   * #MAX_SHOWN}; it starts its time again on each update.
   */
  Toast summary(String title, String text, Duration hideAfter, List<Action> actions) {
    if (summaryCard != null && stack.getChildren().contains(summaryCard)) {
      Toast shown = toastOf(summaryCard);
      shown.update(title, text);
      return shown;
    }
    Toast toast = card(Kind.INFO, title, text, hideAfter, null, actions);
    toast.card.getStyleClass().add("toast-summary");
    summaryCard = toast.card;
    stack.getChildren().add(0, toast.card);
    fitHeight();
    showPopup();
    return toast;
  }

  private Toast card(
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
    close.setOnAction(e -> dismiss(card, Gone.CLOSED));
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
              dismiss(card, Gone.CLOSED);
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
              dismiss(card, Gone.CLOSED);
            }
          });
    }
    PauseTransition life = null;
    if (!hideAfter.isIndefinite()) {
      life = new PauseTransition(hideAfter);
      life.setOnFinished(e -> dismiss(card, Gone.EXPIRED));
      life.play();
    }
    Toast toast = new Toast(kind, card, heading, body, life);
    card.getProperties().put(Toast.class, toast);
    return toast;
  }

  private List<VBox> cardList() {
    return stack.getChildren().stream()
        .filter(n -> n != summaryCard)
        .map(VBox.class::cast)
        .toList();
  }

  private int cards() {
    return cardList().size();
  }

  /** Pushes out the oldest cards while the stack is taller than its anchor; one always stays. */
  private void fitHeight() {
    if (anchor == null) {
      return;
    }
    double cap = anchor.getLayoutBounds().getHeight();
    stack.applyCss();
    while (cards() > 1 && cap > 0 && stack.prefHeight(WIDTH) > cap) {
      dismiss(cardList().get(0), Gone.PUSHED_OUT);
    }
  }

  private void showPopup() {
    if (!popup.isShowing()
        && owner.isShowing()
        && !blocked.get()
        && !stack.getChildren().isEmpty()) {
      popup.show(owner, anchorX(), anchorY());
    }
  }

  /** A toast that is up: its text can change in place, and it says when it has gone. */
  final class Toast {
    private final Kind kind;
    private final VBox card;
    private final Label heading;
    private final Label body;
    private final PauseTransition life;
    private Consumer<Gone> onGone = how -> {};

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

    /** Runs once the toast has gone, told how it went. */
    void onGone(Consumer<Gone> action) {
      this.onGone = action;
    }

    private void gone(Gone how) {
      if (life != null) {
        life.stop();
      }
      onGone.accept(how);
    }
  }

  private static Toast toastOf(Node card) {
    return (Toast) card.getProperties().get(Toast.class);
  }

  /** Whether a click landed on one of the card's buttons (or the text inside one). */
  private static boolean onAButton(Object target, VBox card) {
    for (Node n = target instanceof Node node ? node : null;
        n != null && n != card;
        n = n.getParent()) {
      if (n instanceof Button) {
        return true;
      }
    }
    return false;
  }

  /** Closes every toast: the operator dismissed them all, or the window is closing. */
  void clear() {
    List.copyOf(stack.getChildren()).forEach(n -> dismiss((VBox) n, Gone.CLOSED));
    popup.hide();
  }

  private void dismiss(VBox card, Gone how) {
    if (stack.getChildren().remove(card)) {
      toastOf(card).gone(how);
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
    Bounds b = anchorBounds();
    return b == null ? owner.getX() + owner.getWidth() - MARGIN : b.getMaxX() - MARGIN;
  }

  private double anchorY() {
    Bounds b = anchorBounds();
    // Above the status bar, inside the window, when there is no node to sit in.
    return b == null ? owner.getY() + owner.getHeight() - 2.5 * MARGIN : b.getMaxY() - MARGIN / 2;
  }

  private Bounds anchorBounds() {
    return anchor == null || anchor.getScene() == null
        ? null
        : anchor.localToScreen(anchor.getLayoutBounds());
  }
}
