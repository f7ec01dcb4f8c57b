package dev.vigil.console.ui.window;

import javafx.geometry.Rectangle2D;

/**
 * The rules for a remembered window layout: a size is kept only when it fits the screen and is not
 * below a usable minimum, a divider only when it leaves both sides usable. Pure arithmetic, no
 * toolkit needed.
 */
public final class WindowLayout {
  /** The smallest main window that still shows the table, the details and the feed. */
  public static final double MIN_WIDTH = 800;

  /** See {@link #MIN_WIDTH}. */
  public static final double MIN_HEIGHT = 500;

  /** The main window's size on a first start, when the screen has room for it. */
  public static final double DEFAULT_WIDTH = 1280;

  /** See {@link #DEFAULT_WIDTH}. */
  public static final double DEFAULT_HEIGHT = 800;

  /** A divider closer to an edge than this leaves one side a sliver. */
  public static final double DIVIDER_MIN = 0.2;

  /** See {@link #DIVIDER_MIN}. */
  public static final double DIVIDER_MAX = 0.8;

  /** The share of the screen's visual bounds a window takes at most when it is not maximised. */
  static final double SCREEN_SHARE = 0.95;

  private WindowLayout() {}

  /** A window size in pixels. */
  public record Size(double width, double height) {}

  /** Whether a remembered size is worth keeping on a screen with these visual bounds. */
  public static boolean saneSize(double width, double height, Rectangle2D visual) {
    return Double.isFinite(width)
        && Double.isFinite(height)
        && width >= Math.min(MIN_WIDTH, visual.getWidth())
        && height >= Math.min(MIN_HEIGHT, visual.getHeight())
        && width <= visual.getWidth()
        && height <= visual.getHeight();
  }

  /**
   * The size the main window opens at: the remembered one when it is sane, otherwise the default
   * made to fit the screen.
   */
  public static Size openingSize(double savedWidth, double savedHeight, Rectangle2D visual) {
    if (saneSize(savedWidth, savedHeight, visual)) {
      return new Size(savedWidth, savedHeight);
    }
    return fit(DEFAULT_WIDTH, DEFAULT_HEIGHT, visual);
  }

  /** A wanted size cut to the screen's share, never below one pixel. */
  public static Size fit(double width, double height, Rectangle2D visual) {
    return new Size(
        Math.max(1, Math.min(width, Math.floor(visual.getWidth() * SCREEN_SHARE))),
        Math.max(1, Math.min(height, Math.floor(visual.getHeight() * SCREEN_SHARE))));
  }

  /**
   * Where a window of this size goes so that all of it is on screen: the wanted corner, moved in
   * from any edge it would cross.
   */
  public static double[] onScreen(double x, double y, Size size, Rectangle2D visual) {
    double left = Math.max(visual.getMinX(), Math.min(x, visual.getMaxX() - size.width()));
    double top = Math.max(visual.getMinY(), Math.min(y, visual.getMaxY() - size.height()));
    return new double[] {left, top};
  }

  /** Whether a divider position leaves both sides of a split usable. */
  public static boolean saneDivider(double position) {
    return Double.isFinite(position) && position >= DIVIDER_MIN && position <= DIVIDER_MAX;
  }

  /** A remembered divider position when it is sane, otherwise the fallback. */
  public static double divider(double remembered, double fallback) {
    return saneDivider(remembered) ? remembered : fallback;
  }
}
