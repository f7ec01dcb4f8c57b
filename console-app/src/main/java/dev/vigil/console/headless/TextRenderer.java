package dev.vigil.console.headless;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;

/** Answers for people: sentences and tables, a prompt, and a typed confirmation. */
final class TextRenderer implements Renderer, Renderer.Lines {
  private final BufferedReader in;
  private final PrintStream out;

  TextRenderer(BufferedReader in, PrintStream out) {
    this.in = in;
    this.out = out;
  }

  @Override
  public void greet() {
    out.println("Type 'help' for commands.");
  }

  @Override
  public void prompt() {
    out.print("vigil> ");
    out.flush();
  }

  @Override
  public void begin(String command) {}

  @Override
  public void say(String format, Object... args) {
    line(format, args);
  }

  @Override
  public void fail(String format, Object... args) {
    line(format, args);
  }

  @Override
  public void result(boolean ok, Object data, Consumer<Lines> text) {
    text.accept(this);
  }

  @Override
  public boolean confirm(String what, boolean yes) throws IOException {
    if (yes) {
      return true;
    }
    out.print(escaped("%s? Type 'yes' to confirm: ", capitalized(what)));
    out.flush();
    String answer = in.readLine();
    if (answer != null && answer.trim().equalsIgnoreCase("yes")) {
      return true;
    }
    out.println("Nothing done.");
    return false;
  }

  @Override
  public Optional<String> ask(List<String> before, String prompt) throws IOException {
    before.stream().map(Formats::escape).forEach(out::println);
    out.print(Formats.escape(prompt) + " ");
    out.flush();
    return Optional.ofNullable(in.readLine());
  }

  @Override
  public void line(String format, Object... args) {
    out.println(escaped(format, args));
  }

  @Override
  public void lines(String peerText) {
    peerText.lines().map(Formats::escape).forEach(out::println);
  }

  /** The one way text reaches the terminal: our format, with every argument but numbers escaped. */
  private static String escaped(String format, Object... args) {
    Object[] safe =
        Arrays.stream(args)
            .map(a -> a == null || a instanceof Number ? a : Formats.escape(a.toString()))
            .toArray();
    return String.format(format, safe);
  }

  private static String capitalized(String what) {
    return what.isEmpty()
        ? what
        : what.substring(0, 1).toUpperCase(Locale.ROOT) + what.substring(1);
  }
}
