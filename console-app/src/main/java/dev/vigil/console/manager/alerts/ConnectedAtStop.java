package dev.vigil.console.manager.alerts;

import dev.vigil.console.manager.store.ConsoleStore;
import dev.vigil.console.manager.store.ProblemTable;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Keeps the store's list of the agents connected "at the stop" current while the console runs, so
 * that the next start's reconnect grace holds after a kill or a power loss too, not only after a
 * clean stop: written at most once per {@link #write} turn (every few seconds) when the set
 * changed, at least once a minute anyway, and once more at a clean stop. Each write replaces the
 * list in one SQLite transaction, so a crash leaves the old list or the new one, never a mix.
 * Thread-safe.
 */
final class ConnectedAtStop {
  private static final org.slf4j.Logger LOG =
      org.slf4j.LoggerFactory.getLogger(ConnectedAtStop.class);

  /** A write at least this often, even with nothing changed (the housekeeping's minute). */
  static final long REWRITE_MILLIS = 60_000;

  private final Supplier<Set<String>> connected;
  private final Supplier<ProblemTable> table;
  private final ReentrantLock lock = new ReentrantLock();
  private volatile boolean changed = true;
  private Set<String> written;
  private long writtenAtMillis;

  /**
   * @param connected the agents to expect back at the next start, as of now
   * @param table where the list is kept, or null before the store is attached
   */
  ConnectedAtStop(Supplier<Set<String>> connected, Supplier<ProblemTable> table) {
    this.connected = connected;
    this.table = table;
  }

  /** An agent connected or went away: the next turn writes. */
  void changed() {
    changed = true;
  }

  /**
   * One turn of the timer: writes the list if it changed since the last write, or if the last one
   * is a minute old.
   */
  void write(long nowMillis) {
    if (changed || nowMillis - writtenAtMillis >= REWRITE_MILLIS) {
      writeNow(nowMillis, false);
    }
  }

  /** Writes the list now, as the console stops; says so when it cannot. */
  void writeAtStop(long nowMillis) {
    writeNow(nowMillis, true);
  }

  private void writeNow(long nowMillis, boolean atStop) {
    ProblemTable t = table.get();
    if (t == null) {
      return;
    }
    lock.lock();
    try {
      changed = false;
      Set<String> now = Set.copyOf(connected.get());
      if (!now.equals(written) || atStop || nowMillis - writtenAtMillis >= REWRITE_MILLIS) {
        t.rememberOnline(now);
        written = now;
        writtenAtMillis = nowMillis;
      }
    } catch (ConsoleStore.StoreException e) {
      changed = true; // try again at the next turn
      if (atStop) {
        LOG.warn(
            "The agents connected now will not get a grace period at the next start: {}",
            e.getMessage());
      } else {
        LOG.debug("The agents connected now were not written: {}", e.getMessage());
      }
    } finally {
      lock.unlock();
    }
  }
}
