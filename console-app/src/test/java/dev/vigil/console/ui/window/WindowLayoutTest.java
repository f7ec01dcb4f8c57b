package dev.vigil.console.ui.window;

import static org.assertj.core.api.Assertions.assertThat;

import javafx.geometry.Rectangle2D;
import org.junit.jupiter.api.Test;

/** The rules for remembered layouts, without a toolkit. */
class WindowLayoutTest {
  private static final Rectangle2D LAPTOP = new Rectangle2D(0, 0, 1366, 768 - 32);
  private static final Rectangle2D DESKTOP = new Rectangle2D(0, 0, 1920, 1080 - 32);

  @Test
  void aSizeSqueezedByAWindowManagerIsNotKept() {
    assertThat(WindowLayout.saneSize(200, 200, DESKTOP)).isFalse();
    assertThat(WindowLayout.openingSize(200, 200, DESKTOP))
        .isEqualTo(new WindowLayout.Size(1280, 800));
  }

  @Test
  void aSizeLargerThanTheScreenIsNotKeptAndTheDefaultFitsASmallScreen() {
    assertThat(WindowLayout.saneSize(1590, 930, LAPTOP)).isFalse();
    WindowLayout.Size opening = WindowLayout.openingSize(1590, 930, LAPTOP);
    assertThat(opening.width()).isLessThanOrEqualTo(LAPTOP.getWidth());
    assertThat(opening.height()).isLessThanOrEqualTo(LAPTOP.getHeight());
    assertThat(opening.height()).isGreaterThanOrEqualTo(WindowLayout.MIN_HEIGHT);
  }

  @Test
  void aSaneSizeIsKept() {
    assertThat(WindowLayout.openingSize(1590, 930, DESKTOP))
        .isEqualTo(new WindowLayout.Size(1590, 930));
  }

  @Test
  void aMissingOrGarbledSizeOpensAtTheDefault() {
    assertThat(WindowLayout.openingSize(Double.NaN, Double.NaN, DESKTOP))
        .isEqualTo(new WindowLayout.Size(1280, 800));
    assertThat(WindowLayout.saneSize(Double.POSITIVE_INFINITY, 900, DESKTOP)).isFalse();
  }

  @Test
  void aDividerNearAnEdgeFallsBackToTheDefault() {
    assertThat(WindowLayout.divider(0.888, 0.6)).isEqualTo(0.6);
    assertThat(WindowLayout.divider(0.05, 0.66)).isEqualTo(0.66);
    assertThat(WindowLayout.divider(Double.NaN, 0.66)).isEqualTo(0.66);
    assertThat(WindowLayout.divider(0.45, 0.6)).isEqualTo(0.45);
  }

  @Test
  void aWindowIsMovedInFromEveryEdgeItWouldCross() {
    WindowLayout.Size size = new WindowLayout.Size(600, 400);
    assertThat(WindowLayout.onScreen(-50, -20, size, LAPTOP)).containsExactly(0, 0);
    assertThat(WindowLayout.onScreen(1000, 600, size, LAPTOP))
        .containsExactly(1366 - 600, 736 - 400);
    assertThat(WindowLayout.onScreen(100, 100, size, LAPTOP)).containsExactly(100, 100);
  }
}
