package dev.vigil.console.manager.api;

import java.io.IOException;
import java.util.List;

/**
 * The managers a window is attached to, for a window that can hold several: which they are, how
 * each stands, and attaching to one more (remembered for the next start) or letting one go.
 */
public interface ManagerLinks {

  /** Every manager, in the order they were added. */
  List<ManagerLink> links();

  /**
   * Attaches to one more manager and remembers it.
   *
   * @param hostPort where its operator channel listens, {@code host:port}
   * @param token the operator token for the first attach, or null when it knows this console
   * @param fingerprint its key ({@code SHA256:…}) the first time, or null when pinned before
   * @throws IOException with a sentence when it cannot be reached or refuses this console
   * @throws IllegalArgumentException with a sentence when an argument is malformed or the manager
   *     is already in the window
   */
  ManagerLink connect(String hostPort, String token, String fingerprint) throws IOException;

  /** Detaches from a manager and forgets it; false when the window has no such manager. */
  boolean disconnect(String name);
}
