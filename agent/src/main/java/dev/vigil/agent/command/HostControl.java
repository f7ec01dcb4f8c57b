package dev.vigil.agent.command;

import java.time.Instant;
import java.util.Optional;

/**
 * The power and process operations commands need, for real or pretended. Each returns a sentence
 * saying what it did, or throws with one saying why it could not.
 */
public interface HostControl {
  /** Restarts the machine; returns once the restart is under way. */
  String restart() throws CommandFailedException;

  /** Powers the machine off; returns once the shutdown is under way. */
  String shutdown() throws CommandFailedException;

  /**
   * Restarts one systemd unit, {@code systemctl restart UNIT} without a shell; the caller has
   * checked that the agent's config allows it.
   *
   * @param unit a canonical unit name ({@code nginx.service})
   */
  String restartService(String unit) throws CommandFailedException;

  /** Asks a process to terminate. */
  String kill(long pid) throws CommandFailedException;

  /**
   * When the machine last booted, if this control can tell: a restart or shutdown took effect when
   * the machine the agent comes back on booted after it.
   */
  Optional<Instant> bootTime();

  /**
   * Whether restart and shutdown only pretend: their result is then final at once, since the
   * machine does not go down. A real one's result comes from the agent's next start.
   */
  default boolean pretends() {
    return false;
  }
}
