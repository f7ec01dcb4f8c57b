package dev.vigil.agent.command;

/**
 * The power and process operations commands need, for real or pretended. Each returns a sentence
 * saying what it did, or throws with one saying why it could not.
 */
public interface HostControl {
  /** Restarts the machine. */
  String restart() throws CommandFailedException;

  /** Powers the machine off. */
  String shutdown() throws CommandFailedException;

  /** Asks a process to terminate. */
  String kill(long pid) throws CommandFailedException;
}
