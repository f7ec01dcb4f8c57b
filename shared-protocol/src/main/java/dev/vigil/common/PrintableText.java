package dev.vigil.common;

/**
 * The one definition of text a peer may put before an operator: no character of the Unicode
 * categories Cc (controls: escape sequences, newlines, tabs), Cf (format: bidi overrides) or Zl/Zp
 * (line and paragraph separators). The protocol refuses others where they come in, the agent blanks
 * them in its own machine's text, and the text interface escapes them.
 */
public final class PrintableText {
  private PrintableText() {}

  /** Whether {@code c} could redraw a terminal, reorder a line or start a new one. */
  public static boolean isUnprintable(char c) {
    int type = Character.getType(c);
    return type == Character.CONTROL
        || type == Character.FORMAT
        || type == Character.LINE_SEPARATOR
        || type == Character.PARAGRAPH_SEPARATOR;
  }

  /**
   * {@code text} with every unprintable character written as a backslash, 'u' and four hex digits
   * (ESC as u001b after the backslash); the same text when it has none. The escapes are also valid
   * inside a JSON string.
   */
  public static String escape(String text) {
    StringBuilder safe = null;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (isUnprintable(c)) {
        if (safe == null) {
          safe = new StringBuilder(text.length() + 16).append(text, 0, i);
        }
        safe.append(String.format("\\u%04x", (int) c));
      } else if (safe != null) {
        safe.append(c);
      }
    }
    return safe == null ? text : safe.toString();
  }

  /** The index of the first unprintable character, or -1 when there is none. */
  public static int firstUnprintable(String text) {
    for (int i = 0; i < text.length(); i++) {
      if (isUnprintable(text.charAt(i))) {
        return i;
      }
    }
    return -1;
  }
}
