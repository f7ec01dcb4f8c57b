package dev.vigil.console.headless;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * How the console answers: sentences and tables for people, or one JSON line per command for
 * scripts. Commands answer through it and never ask which it is. Not thread-safe: one line at a
 * time.
 */
interface Renderer {

  /** Lines of text for people; every argument is a peer's text until proven otherwise. */
  interface Lines {
    /** One line: {@code format} is ours, its string arguments are escaped. */
    void line(String format, Object... args);

    /** A peer's multi-line text, each line escaped. */
    void lines(String peerText);
  }

  /** Greets before the first command. */
  void greet();

  /** Invites the next command. */
  void prompt();

  /** A new command begins; JSON answers name it. */
  void begin(String command);

  /** Success, in a sentence: {@code format} is ours, its string arguments are escaped. */
  void say(String format, Object... args);

  /** The command did nothing, and the sentence says why. */
  void fail(String format, Object... args);

  /** Success with data: scripts get {@code data}, people the lines that {@code text} writes. */
  default void data(Object data, Consumer<Lines> text) {
    result(true, data, text);
  }

  /** Data that may stand for a success or a failure, such as a command's outcome. */
  void result(boolean ok, Object data, Consumer<Lines> text);

  /**
   * Whether to go ahead with something that changes a machine: {@code yes} when the operator said
   * {@code --yes}; else people are asked and scripts are told to add {@code --yes}.
   *
   * @param what what would happen, for example "restart web-01 (10.0.0.5)"
   */
  boolean confirm(String what, boolean yes) throws IOException;

  /**
   * Shows people some lines and asks for a word; scripts cannot be asked, so for them nothing is
   * shown and the answer is empty.
   *
   * @param before lines shown first, each a peer's text until proven otherwise (escaped)
   * @param prompt our question
   * @return the line typed, empty at the end of input or for scripts
   */
  Optional<String> ask(List<String> before, String prompt) throws IOException;
}
