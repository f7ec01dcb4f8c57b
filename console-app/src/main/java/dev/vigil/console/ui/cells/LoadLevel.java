package dev.vigil.console.ui.cells;

import javafx.css.PseudoClass;
import javafx.scene.Node;

/**
 * How heavy a load reads, carried to CSS as pseudo-classes: {@code :elevated} from 70 %, {@code
 * :high} from 90 %. One rule for the table's bars, the per-core bars and the alert counts.
 */
public final class LoadLevel {
  /** A load of 90 % or more, or anything that needs attention now. */
  public static final PseudoClass HIGH = PseudoClass.getPseudoClass("high");

  /** A load from 70 % up to 90 %. */
  public static final PseudoClass ELEVATED = PseudoClass.getPseudoClass("elevated");

  private LoadLevel() {}

  /** Marks a node with the level of a percentage. */
  public static void mark(Node node, double percent) {
    node.pseudoClassStateChanged(HIGH, percent >= 90);
    node.pseudoClassStateChanged(ELEVATED, percent >= 70 && percent < 90);
  }
}
