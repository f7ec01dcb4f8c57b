package dev.vigil.agent.check;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Runs a program without a shell, as the agent's own user, with standard input closed and standard
 * error merged into its output; keeps at most {@link #MAX_OUTPUT} bytes of that output (reading and
 * discarding the rest, so the program never blocks on a full pipe) and kills the program and every
 * process it started when it runs past its timeout. Stateless.
 */
final class BoundedRun {
  /** The most output kept of one run: {@value} bytes. */
  static final int MAX_OUTPUT = 8192;

  /**
   * How a run ended.
   *
   * @param exitCode the program's exit code, or -1 when it was killed at its timeout
   * @param output what it wrote, at most {@link #MAX_OUTPUT} bytes, as UTF-8
   * @param timedOut whether it was killed at its timeout
   */
  record Result(int exitCode, String output, boolean timedOut) {}

  private BoundedRun() {}

  static Result run(List<String> command, Duration timeout)
      throws IOException, InterruptedException {
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    Process process = builder.start();
    Kept kept = new Kept();
    Thread reader =
        Thread.ofVirtual()
            .name("vigil-check-output")
            .start(() -> drain(process.getInputStream(), kept));
    try {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        killTree(process);
        reader.join(1000);
        return new Result(-1, text(kept), true);
      }
      // The program is gone; its children may still hold the pipe, so do not wait on them long.
      reader.join(1000);
      return new Result(process.exitValue(), text(kept), false);
    } finally {
      if (process.isAlive()) {
        killTree(process);
      }
      process.getInputStream().close();
    }
  }

  private static void killTree(Process process) {
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
    try {
      process.waitFor(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void drain(InputStream in, Kept kept) {
    byte[] buffer = new byte[4096];
    try {
      int n;
      while ((n = in.read(buffer)) >= 0) {
        kept.add(buffer, n);
      }
    } catch (IOException e) {
      // The pipe was closed after a kill: what was read is kept.
    }
  }

  private static String text(Kept kept) {
    return kept.text();
  }

  /** The first {@link #MAX_OUTPUT} bytes, written by the reader and read by the waiting run. */
  private static final class Kept {
    private final ReentrantLock lock = new ReentrantLock();
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    void add(byte[] buffer, int n) {
      lock.lock();
      try {
        int room = MAX_OUTPUT - bytes.size();
        if (room > 0) {
          bytes.write(buffer, 0, Math.min(room, n));
        }
      } finally {
        lock.unlock();
      }
    }

    String text() {
      lock.lock();
      try {
        return bytes.toString(StandardCharsets.UTF_8);
      } finally {
        lock.unlock();
      }
    }
  }
}
