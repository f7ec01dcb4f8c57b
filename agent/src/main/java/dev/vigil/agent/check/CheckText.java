package dev.vigil.agent.check;

import dev.vigil.common.PrintableText;

/**
 * A check's and a plugin's text made fit for the protocol's {@code ptext}: every unprintable
 * character (a tab, an escape sequence, a bidi override) becomes a space and the text is cut to its
 * limit. Stateless.
 */
final class CheckText {
  private CheckText() {}

  static String printable(String text, int max) {
    StringBuilder out = new StringBuilder(Math.min(text.length(), max));
    for (int i = 0; i < text.length() && out.length() < max; i++) {
      char c = text.charAt(i);
      out.append(PrintableText.isUnprintable(c) ? ' ' : c);
    }
    // Never end on half a surrogate pair.
    if (!out.isEmpty() && Character.isHighSurrogate(out.charAt(out.length() - 1))) {
      out.setLength(out.length() - 1);
    }
    return out.toString().strip();
  }
}
