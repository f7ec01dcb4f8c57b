package dev.vigil.console.ui.window;

import java.util.ArrayList;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Labeled;
import javafx.scene.text.Text;

/**
 * Finds the labels, buttons and column headers that show less than their text: the skin's text node
 * holds what is drawn (with its ellipsis), the control holds the full text. FX thread only.
 */
public final class CutLabels {
  private CutLabels() {}

  /** "shown ← full" for every visible Labeled under {@code root} whose text is cut. */
  public static List<String> in(Parent root) {
    List<String> cut = new ArrayList<>();
    collect(root, cut);
    return cut;
  }

  /**
   * The titles of the visible column headers under {@code root}, as {@link #in} examines them: a
   * test names the tables it expects there, so that a table left out is noticed.
   */
  static List<String> columnTitles(Parent root) {
    return root.lookupAll(".column-header .label").stream()
        .filter(n -> n instanceof Labeled l && l.getText() != null && !l.getText().isBlank())
        .filter(CutLabels::shown)
        .map(n -> ((Labeled) n).getText())
        .toList();
  }

  private static boolean shown(Node node) {
    for (Node n = node; n != null; n = n.getParent()) {
      if (!n.isVisible()) {
        return false;
      }
    }
    return true;
  }

  private static void collect(Node node, List<String> cut) {
    if (!node.isVisible()) {
      return; // nothing under it is drawn
    }
    if (node instanceof Labeled labeled
        && labeled.getText() != null
        && !labeled.getText().isBlank()
        && labeled.getWidth() > 0) {
      String shown = shownText(labeled);
      String full = labeled.getText();
      if (labeled.isMnemonicParsing()) {
        full = full.replaceFirst("_(?=.)", ""); // "_Vigil" is drawn as "Vigil", V underlined
      }
      if (shown != null && !shown.equals(full)) {
        cut.add(
            "'"
                + shown
                + "' instead of '"
                + full
                + "' ("
                + labeled.getClass().getSimpleName()
                + " "
                + Math.round(labeled.getWidth())
                + " px wide, needs "
                + Math.round(labeled.prefWidth(-1))
                + ")");
      }
    }
    if (node instanceof Parent parent) {
      for (Node child : parent.getChildrenUnmodifiable()) {
        collect(child, cut);
      }
    }
  }

  /** The text the skin draws, or null before the skin has laid it out. */
  private static String shownText(Labeled labeled) {
    for (Node child : labeled.getChildrenUnmodifiable()) {
      if (child instanceof Text text && child.getStyleClass().contains("text")) {
        return text.getText();
      }
    }
    return null;
  }
}
