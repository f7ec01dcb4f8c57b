package dev.vigil.common;

/**
 * A peer's text as it may appear in a log line: unprintable characters escaped as {@link
 * PrintableText#escape} writes them, and at most {@value #MAX_CHARS} characters, so that a claimed
 * host name, a peer's error message or a process name can neither end the line, forge the next one
 * nor redraw the terminal that tails the log.
 */
public final class LogText {
  /** Longer text is cut here, and the line says how much was left out. */
  public static final int MAX_CHARS = 300;

  private LogText() {}

  /** {@code text} made safe for one log line; "null" for null. */
  public static String of(Object text) {
    if (text == null) {
      return "null";
    }
    String s = text.toString();
    String cut = s;
    if (s.length() > MAX_CHARS) {
      int end = Character.isHighSurrogate(s.charAt(MAX_CHARS - 1)) ? MAX_CHARS - 1 : MAX_CHARS;
      cut = s.substring(0, end) + "… (" + (s.length() - end) + " more characters)";
    }
    return PrintableText.escape(cut);
  }

  /** A throwable's message made safe for one log line, or its class's name when it has none. */
  public static String message(Throwable e) {
    return of(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
  }
}
