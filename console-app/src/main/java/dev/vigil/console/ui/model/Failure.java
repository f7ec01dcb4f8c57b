package dev.vigil.console.ui.model;

import java.io.UncheckedIOException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * The sentence of an action that failed off the FX thread: the manager's or the file's own words,
 * without the wrappers a future adds ("java.util.concurrent.CompletionException: …") or a class
 * name. Stateless.
 */
public final class Failure {
  private Failure() {}

  /** What went wrong, as the operator should read it. */
  public static String sentence(Throwable error) {
    Throwable t = error;
    while ((t instanceof CompletionException
            || t instanceof ExecutionException
            || t instanceof UncheckedIOException)
        && t.getCause() != null) {
      t = t.getCause();
    }
    String m = t.getMessage();
    return m == null || m.isBlank() ? "something went wrong (the log has the details)" : m;
  }
}
