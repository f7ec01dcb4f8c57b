package dev.vigil.agent.command;

/** A command could not do what it was asked; the message is for the operator. */
public final class CommandFailedException extends Exception {
  private static final long serialVersionUID = 1L;

  public CommandFailedException(String message) {
    super(message);
  }
}
