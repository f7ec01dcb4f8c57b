package dev.vigil.console.ui.window;

import javafx.animation.PauseTransition;
import javafx.application.Platform;
import javafx.beans.InvalidationListener;
import javafx.geometry.Rectangle2D;
import javafx.scene.Scene;
import javafx.scene.control.Dialog;
import javafx.scene.control.DialogPane;
import javafx.stage.Modality;
import javafx.stage.Screen;
import javafx.stage.Stage;
import javafx.stage.Window;
import javafx.stage.WindowEvent;
import javafx.util.Duration;

/**
 * Gives windows their size once they are on screen. On Linux, GTK reports a window's first, pre-CSS
 * size after JavaFX has already laid it out, and under a window manager that late size wins:
 * dialogs open squeezed (JDK-8193502 and its relatives). Setting the size again after the window is
 * shown, from the content's preferred size cut to the screen, is what the window manager then
 * honours. FX thread only.
 */
public final class WindowFit {
  /** How many seconds at most a window's size is held against a window manager's late answers. */
  private static final int SETTLE_ROUNDS = 5;

  private WindowFit() {}

  /**
   * Makes a dialog resizable and, once shown, as large as its content wants (never beyond the
   * screen), centred over its owner and fully on the owner's screen. The dialog is modal to its
   * owner, by the console's own means ({@link OwnerBlock}), so that a maximised owner stays so.
   */
  public static <T extends Dialog<?>> T dialog(T dialog) {
    return fitted(dialog, true);
  }

  /**
   * Whether one of the console's dialogs blocks {@code owner} now; popups that float above the
   * owner hide meanwhile, as they would otherwise cover the dialog and take no clicks.
   */
  public static javafx.beans.property.ReadOnlyBooleanProperty blockedProperty(Window owner) {
    return OwnerBlock.blockedProperty(owner);
  }

  /** As {@link #dialog}, for a dialog that leaves its owner usable: the alert history. */
  public static <T extends Dialog<?>> T tool(T dialog) {
    return fitted(dialog, false);
  }

  private static <T extends Dialog<?>> T fitted(T dialog, boolean blocksOwner) {
    dialog.initModality(Modality.NONE);
    dialog.setResizable(true);
    dialog
        .showingProperty()
        .addListener(
            (obs, was, now) -> {
              if (!now) {
                return;
              }
              Window window = dialog.getDialogPane().getScene().getWindow();
              if (blocksOwner && dialog.getOwner() != null) {
                OwnerBlock.whileShowing(dialog.getOwner(), window);
              }
              Platform.runLater(() -> fit(dialog));
            });
    return dialog;
  }

  /**
   * Shows the main window at {@code size} (already checked against the screen) and, once shown,
   * puts that size back if the window manager gave it another one, unless the window is maximised.
   */
  public static void mainWindow(Stage stage, WindowLayout.Size size) {
    stage.addEventHandler(
        WindowEvent.WINDOW_SHOWN,
        e ->
            Platform.runLater(
                () -> {
                  if (stage.isMaximized() || stage.isFullScreen()) {
                    return;
                  }
                  hold(stage, size, null);
                }));
  }

  /** The visual bounds of the screen that shows most of {@code window}, or the primary screen's. */
  public static Rectangle2D visualBounds(Window window) {
    if (window == null || Double.isNaN(window.getX()) || Double.isNaN(window.getWidth())) {
      return Screen.getPrimary().getVisualBounds();
    }
    return Screen.getScreensForRectangle(
            window.getX(),
            window.getY(),
            Math.max(1, window.getWidth()),
            Math.max(1, window.getHeight()))
        .stream()
        .findFirst()
        .orElse(Screen.getPrimary())
        .getVisualBounds();
  }

  private static void fit(Dialog<?> dialog) {
    DialogPane pane = dialog.getDialogPane();
    Scene scene = pane.getScene();
    if (scene == null || scene.getWindow() == null || !dialog.isShowing()) {
      return;
    }
    Window window = scene.getWindow();
    Window owner = dialog.getOwner();
    Rectangle2D visual = visualBounds(owner != null ? owner : window);
    pane.applyCss();
    double contentWidth = pane.prefWidth(-1);
    double contentHeight = pane.prefHeight(contentWidth);
    WindowLayout.Size size =
        WindowLayout.fit(
            Math.ceil(contentWidth + frameWidth(window)),
            Math.ceil(contentHeight + frameHeight(window)),
            visual);
    double x;
    double y;
    if (owner != null && !Double.isNaN(owner.getX())) {
      x = owner.getX() + (owner.getWidth() - size.width()) / 2;
      y = owner.getY() + (owner.getHeight() - size.height()) / 3;
    } else {
      x = visual.getMinX() + (visual.getWidth() - size.width()) / 2;
      y = visual.getMinY() + (visual.getHeight() - size.height()) / 3;
    }
    double[] corner = WindowLayout.onScreen(x, y, size, visual);
    hold(
        window,
        new WindowLayout.Size(
            size.width() - frameWidth(window), size.height() - frameHeight(window)),
        corner);
  }

  /**
   * Gives a window's scene {@code content} size and, for the next second, again whenever the window
   * changes to another (the frame is measured anew each time, as it may arrive late): the window
   * manager's answer to the first, pre-CSS size can arrive after ours (seen under openbox, one
   * dialog in twenty). The operator's own resizing comes later and is left alone.
   */
  private static void hold(Window window, WindowLayout.Size content, double[] corner) {
    int[] attempts = {0};
    InvalidationListener reapply =
        obs ->
            Platform.runLater(
                () -> {
                  if (window.isShowing()
                      && !(hasSize(window, content) && hasCorner(window, corner))
                      && attempts[0]++ < 20) {
                    place(window, content, corner);
                  }
                });
    window.widthProperty().addListener(reapply);
    window.heightProperty().addListener(reapply);
    window.xProperty().addListener(reapply);
    window.yProperty().addListener(reapply);
    settle(window, content, corner, reapply, 1);
    place(window, content, corner);
  }

  /**
   * Ends the hold a second later if the window has its size by then, else places it again and waits
   * another second, up to {@link #SETTLE_ROUNDS} times: a busy window manager (openbox starting
   * beside the console) framed the window after the first second, and the console then opened two
   * pixels narrower and a frame lower at every start (#17).
   */
  private static void settle(
      Window window,
      WindowLayout.Size content,
      double[] corner,
      InvalidationListener reapply,
      int round) {
    PauseTransition settle = new PauseTransition(Duration.seconds(1));
    settle.setOnFinished(
        e -> {
          boolean right = hasSize(window, content) && hasCorner(window, corner);
          if (window.isShowing() && !right && round < SETTLE_ROUNDS) {
            place(window, content, corner);
            settle(window, content, corner, reapply, round + 1);
            return;
          }
          window.widthProperty().removeListener(reapply);
          window.heightProperty().removeListener(reapply);
          window.xProperty().removeListener(reapply);
          window.yProperty().removeListener(reapply);
          // The frame may have become known without the size changing again.
          if (window.isShowing() && !right) {
            place(window, content, corner);
          }
          keepOnScreen(window, visualBounds(window));
        });
    settle.play();
  }

  private static boolean hasCorner(Window window, double[] corner) {
    return corner == null
        || (Math.abs(window.getX() - corner[0]) <= 1 && Math.abs(window.getY() - corner[1]) <= 1);
  }

  private static void place(Window window, WindowLayout.Size content, double[] corner) {
    if (corner != null) {
      window.setX(corner[0]);
      window.setY(corner[1]);
    }
    setSize(window, content);
  }

  private static boolean hasSize(Window window, WindowLayout.Size content) {
    return Math.abs(window.getScene().getWidth() - content.width()) <= 1
        && Math.abs(window.getScene().getHeight() - content.height()) <= 1;
  }

  private static void setSize(Window window, WindowLayout.Size content) {
    window.setWidth(content.width() + frameWidth(window));
    window.setHeight(content.height() + frameHeight(window));
    keepOnScreen(window, visualBounds(window));
  }

  private static void keepOnScreen(Window window, Rectangle2D visual) {
    WindowLayout.Size size = new WindowLayout.Size(window.getWidth(), window.getHeight());
    double[] corner = WindowLayout.onScreen(window.getX(), window.getY(), size, visual);
    if (corner[0] != window.getX() || corner[1] != window.getY()) {
      window.setX(corner[0]);
      window.setY(corner[1]);
    }
  }

  /** The window manager's frame around the scene, across (0 without one). */
  private static double frameWidth(Window window) {
    return Math.max(0, window.getWidth() - window.getScene().getWidth());
  }

  private static double frameHeight(Window window) {
    return Math.max(0, window.getHeight() - window.getScene().getHeight());
  }
}
