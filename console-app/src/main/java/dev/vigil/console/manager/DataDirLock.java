package dev.vigil.console.manager;

import dev.vigil.common.DataDirectories;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.OptionalLong;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One console per data directory: an OS file lock on {@code console.lock}, which also records the
 * holder's PID so that a second console can name it. Released when the console closes or dies.
 */
final class DataDirLock implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DataDirLock.class);

  private final FileChannel channel;
  private final FileLock lock;

  private DataDirLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  /**
   * Locks a data directory; with {@code takeover}, a stale console that holds it is stopped first,
   * and nothing that is not a Vigil console.
   */
  static DataDirLock acquire(Path dataDir, boolean takeover) throws IOException {
    try {
      return acquire(dataDir);
    } catch (DataDirInUseException e) {
      if (!takeover || e.pid().isEmpty()) {
        throw e;
      }
      stopStaleConsole(dataDir, e.pid().getAsLong());
      return acquire(dataDir);
    }
  }

  /** Stops the console recorded in our data directory's lock, and nothing that is not one. */
  private static void stopStaleConsole(Path dataDir, long pid) throws IOException {
    ProcessHandle process = ProcessHandle.of(pid).orElse(null);
    if (process == null) {
      return; // gone already: its lock went with it
    }
    String command = process.info().commandLine().orElse("");
    boolean holdsOurLock = PortGuard.hasOpen(pid, dataDir.resolve("console.lock"));
    if (!holdsOurLock && !new PortGuard.Holder(pid, command).isVigilConsole()) {
      throw new IOException(
          "--takeover refused: PID "
              + pid
              + " holds the data directory but is not a Vigil console ("
              + command
              + ")");
    }
    LOG.warn("--takeover: stopping the stale Vigil console PID {}", pid);
    process.destroy();
    try {
      try {
        process.onExit().get(10, TimeUnit.SECONDS);
      } catch (TimeoutException e) {
        LOG.warn("PID {} did not stop within 10 s; killing it", pid);
        process.destroyForcibly();
        process.onExit().get(10, TimeUnit.SECONDS);
      }
    } catch (ExecutionException | TimeoutException e) {
      throw new IOException("could not stop PID " + pid, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while stopping PID " + pid, e);
    }
  }

  /**
   * Takes the lock, or says who has it.
   *
   * @throws IOException naming the PID of the console that holds the directory
   */
  static DataDirLock acquire(Path dataDir) throws IOException {
    Path file = dataDir.resolve("console.lock");
    FileChannel channel;
    // Others who may write the directory could replace the console's key or its trust store.
    DataDirectories.createPrivate(dataDir);
    try {
      channel =
          FileChannel.open(
              file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
    } catch (IOException e) {
      throw new IOException(
          "cannot write to the data directory "
              + dataDir
              + " ("
              + (e instanceof java.nio.file.FileSystemException f && f.getReason() != null
                  ? f.getReason()
                  : e.getClass().getSimpleName() + " " + e.getMessage())
              + "); make it writable for this user, or choose another with --data-dir",
          e);
    }
    FileLock lock;
    try {
      lock = channel.tryLock();
    } catch (OverlappingFileLockException e) {
      lock = null;
    }
    if (lock == null) {
      channel.close();
      OptionalLong pid = holder(dataDir);
      throw new DataDirInUseException(
          "another Vigil console"
              + (pid.isPresent() ? " (PID " + pid.getAsLong() + ")" : "")
              + " is using the data directory "
              + dataDir
              + "; stop it, start with --takeover if it is a stale console, or choose another"
              + " directory with --data-dir",
          pid);
    }
    channel.truncate(0);
    channel.write(
        java.nio.ByteBuffer.wrap(
            (ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)),
        0);
    channel.force(true);
    return new DataDirLock(channel, lock);
  }

  /** The PID recorded in a data directory's lock file, if any. */
  static OptionalLong holder(Path dataDir) {
    try {
      String text =
          Files.readString(dataDir.resolve("console.lock"), StandardCharsets.US_ASCII).trim();
      return text.isEmpty() ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(text));
    } catch (IOException | NumberFormatException e) {
      return OptionalLong.empty();
    }
  }

  @Override
  public void close() {
    try {
      lock.release();
      channel.close();
    } catch (IOException e) {
      // The lock goes with the process anyway.
    }
  }
}
