package dev.vigil.protocol.message;

import dev.vigil.common.PrintableText;
import java.util.regex.Pattern;

/** Field checks shared by the message records; each failure names the field it refuses. */
final class Checks {
  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_.-]{0,63}");

  private static final Pattern UUID_TEXT =
      Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

  private Checks() {}

  static String uuid(String field, String value) {
    text(field, value, 36);
    if (!UUID_TEXT.matcher(value).matches()) {
      throw new IllegalArgumentException(field + " must be a lower-case UUID");
    }
    return value;
  }

  static String text(String field, String value, int maxLength) {
    if (value == null) {
      throw new IllegalArgumentException(field + " is missing");
    }
    if (value.length() > maxLength) {
      throw new IllegalArgumentException(field + " is longer than " + maxLength + " characters");
    }
    return value;
  }

  /**
   * Text a peer chooses that reaches an operator's screen or log: no control characters (escape
   * sequences, newlines), no format characters (bidi overrides) and no line or paragraph
   * separators, so that it can neither redraw a terminal nor forge a line.
   */
  static String printable(String field, String value, int maxLength) {
    text(field, value, maxLength);
    int i = PrintableText.firstUnprintable(value);
    if (i >= 0) {
      throw new IllegalArgumentException(
          field
              + " must be printable text; character "
              + (i + 1)
              + String.format(" is U+%04X", (int) value.charAt(i)));
    }
    return value;
  }

  static String name(String field, String value) {
    text(field, value, 64);
    if (!NAME.matcher(value).matches()) {
      throw new IllegalArgumentException(
          field + " must be lower-case letters, digits, '_', '.' or '-', got '" + value + "'");
    }
    return value;
  }

  static <T> T present(String field, T value) {
    if (value == null) {
      throw new IllegalArgumentException(field + " is missing");
    }
    return value;
  }

  static long notNegative(String field, long value) {
    if (value < 0) {
      throw new IllegalArgumentException(field + " must not be negative, got " + value);
    }
    return value;
  }

  static double finite(String field, double value) {
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException(field + " must be a finite number");
    }
    return value;
  }

  static <T> java.util.List<T> list(String field, java.util.List<T> value, int max) {
    java.util.List<T> copy = value == null ? java.util.List.of() : java.util.List.copyOf(value);
    if (copy.size() > max) {
      throw new IllegalArgumentException(field + " lists more than " + max + " entries");
    }
    return copy;
  }

  static double rate(String field, double value) {
    finite(field, value);
    if (value < 0) {
      throw new IllegalArgumentException(field + " must not be negative, got " + value);
    }
    return value;
  }

  static double percent(String field, double value) {
    finite(field, value);
    if (value < 0 || value > 100) {
      throw new IllegalArgumentException(field + " must be between 0 and 100, got " + value);
    }
    return value;
  }
}
