package dev.vigil.common;

import java.util.regex.Pattern;

/**
 * The one reading of a whole number that a person typed (an option, a setting, a headless
 * argument): ASCII digits, a minus sign at most, nothing else. {@link Long#parseLong} alone also
 * takes a leading '+' and other scripts' digits ("٤٢"), which no one means to type as a port.
 */
public final class WholeNumbers {
  private static final Pattern WHOLE = Pattern.compile("-?[0-9]{1,18}");

  private WholeNumbers() {}

  /** Whether {@code text} is a whole number as this class reads it. */
  public static boolean isWhole(String text) {
    return text != null && WHOLE.matcher(text).matches();
  }

  /**
   * {@code text} as a number from {@code min} to {@code max}.
   *
   * @throws IllegalArgumentException with a sentence quoting the text and saying what would do
   */
  public static long parse(String text, long min, long max) {
    if (!isWhole(text)) {
      throw new IllegalArgumentException(
          "'"
              + PrintableText.escape(String.valueOf(text))
              + "' is not a whole number; use the digits 0-9");
    }
    long value = Long.parseLong(text);
    if (value < min || value > max) {
      throw new IllegalArgumentException("'" + text + "' is outside " + min + " to " + max);
    }
    return value;
  }
}
