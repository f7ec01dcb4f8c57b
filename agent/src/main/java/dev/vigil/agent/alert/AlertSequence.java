package dev.vigil.agent.alert;

import dev.vigil.common.DataDirectories;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The agent's alert counter, kept on disk so that sequences keep increasing across restarts (the
 * console de-duplicates by agent and sequence, so a reused number would be dropped). Thread-safe.
 */
public final class AlertSequence {
  private final Path file;
  private final ReentrantLock lock = new ReentrantLock();
  private long last;

  /** Opens the counter in {@code dataDir/alert-sequence}, starting at 0 when there is none. */
  public AlertSequence(Path dataDir) throws IOException {
    DataDirectories.createPrivate(dataDir);
    this.file = dataDir.resolve("alert-sequence");
    if (Files.exists(file)) {
      String text = Files.readString(file, StandardCharsets.UTF_8).trim();
      try {
        last = Long.parseLong(text);
      } catch (NumberFormatException e) {
        throw new IOException(
            file + " does not hold a number (found '" + text + "'); delete it to start over");
      }
    }
  }

  /** The last sequence number handed out, 0 before the first. */
  public long last() {
    lock.lock();
    try {
      return last;
    } finally {
      lock.unlock();
    }
  }

  /** The next sequence number, saved before it is returned. */
  public long next() {
    lock.lock();
    try {
      long next = last + 1;
      DataDirectories.writePrivately(file, next + "\n");
      last = next;
      return next;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot save the alert sequence in " + file, e);
    } finally {
      lock.unlock();
    }
  }
}
