package dev.vigil.console.manager.notify;

/** A channel did not accept a message; the message says why in a sentence, with no secret in it. */
public final class DeliveryException extends Exception {
  private static final long serialVersionUID = 1L;

  private final boolean permanent;

  /**
   * @param message the sentence, for example "smtp.example.com:587 refused the login for 'vigil'"
   * @param permanent whether retrying cannot help (a 4xx from a webhook other than 408 and 429, a
   *     refused recipient); the notifier still retries, at its longest backoff
   */
  public DeliveryException(String message, boolean permanent, Throwable cause) {
    super(message, cause);
    this.permanent = permanent;
  }

  public DeliveryException(String message, boolean permanent) {
    this(message, permanent, null);
  }

  /** Whether retrying cannot help. */
  public boolean permanent() {
    return permanent;
  }
}
