package dev.vigil.console.manager.api;

/**
 * The manager refused a call: the operator's role does not include it, or the call is not offered
 * to attached consoles. The message is the manager's sentence, for the operator to read.
 */
public final class RefusedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public RefusedException(String sentence) {
    super(sentence);
  }
}
