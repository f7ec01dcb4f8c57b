package dev.vigil.console.headless;

import java.util.ArrayList;
import java.util.List;

/**
 * How a line becomes words: spaces separate them, as in a shell; "double" or 'single' quotes keep
 * spaces inside one word, and outside single quotes a backslash before a space, a quote or a
 * backslash keeps that character as it is (other backslashes stay, as in {@code C:\\data}). So
 * {@code export "my alerts.csv"} and {@code export my\ alerts.csv} name one file.
 */
final class Words {
  private Words() {}

  /** A line that cannot be split: a quote is left open. */
  static final class UnfinishedException extends Exception {
    UnfinishedException(String sentence) {
      super(sentence);
    }
  }

  /** The words of {@code line}; none for a blank line. */
  static List<String> split(String line) throws UnfinishedException {
    List<String> words = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    boolean inWord = false;
    char quote = 0;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quote == '\'') {
        if (c == '\'') {
          quote = 0;
        } else {
          word.append(c);
        }
      } else if (c == '\\' && i + 1 < line.length() && escapable(line.charAt(i + 1))) {
        word.append(line.charAt(++i));
        inWord = true;
      } else if (quote == '"') {
        if (c == '"') {
          quote = 0;
        } else {
          word.append(c);
        }
      } else if (c == '"' || c == '\'') {
        quote = c;
        inWord = true;
      } else if (Character.isWhitespace(c)) {
        if (inWord) {
          words.add(word.toString());
          word.setLength(0);
          inWord = false;
        }
      } else {
        word.append(c);
        inWord = true;
      }
    }
    if (quote != 0) {
      throw new UnfinishedException(
          "A " + (quote == '"' ? "double" : "single") + " quote is not closed; close it.");
    }
    if (inWord) {
      words.add(word.toString());
    }
    return words;
  }

  private static boolean escapable(char c) {
    return Character.isWhitespace(c) || c == '"' || c == '\'' || c == '\\';
  }
}
