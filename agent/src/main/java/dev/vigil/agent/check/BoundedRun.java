package dev.vigil.agent.check;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

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
    ByteArrayOutputStream kept = new ByteArrayOutputStream();
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

  private static void drain(InputStream in, ByteArrayOutputStream kept) {
    byte[] buffer = new byte[4096];
    try {
      int n;
      while ((n = in.read(buffer)) >= 0) {
        synchronized (kept) {
          int room = MAX_OUTPUT - kept.size();
          if (room > 0) {
            kept.write(buffer, 0, Math.min(room, n));
          }
        }
      }
    } catch (IOException e) {
      // The pipe was closed after a kill: what was read is kept.
    }
  }

  private static String text(ByteArrayOutputStream kept) {
    synchronized (kept) {
      return kept.toString(StandardCharsets.UTF_8);
    }
  }
}
