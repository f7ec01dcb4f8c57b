package dev.vigil.packaging;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A program a test started, with its merged output collected as it comes; closing it stops the
 * program and everything it started. Thread-safe for one test thread plus the collector.
 */
final class Launched implements AutoCloseable {
  private final Process process;
  private final StringBuffer output = new StringBuffer();
  private final Thread collector;

  Launched(List<String> command, Map<String, String> env) throws IOException {
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().putAll(env);
    process = builder.start();
    collector =
        Thread.ofPlatform()
            .daemon()
            .name("output of " + command.getFirst())
            .start(
                () -> {
                  byte[] buffer = new byte[8192];
                  try (InputStream in = process.getInputStream()) {
                    int n;
                    while ((n = in.read(buffer)) > 0) {
                      output.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
                    }
                  } catch (IOException e) {
                    output.append("\n[output closed: ").append(e.getMessage()).append("]\n");
                  }
                });
  }

  String output() {
    return output.toString();
  }

  void send(String line) throws IOException {
    OutputStream in = process.getOutputStream();
    in.write((line + "\n").getBytes(StandardCharsets.UTF_8));
    in.flush();
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /** Waits for the program to end by itself and returns its exit code. */
  int awaitExit(long seconds) throws InterruptedException {
    if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
      throw new AssertionError("still running after " + seconds + " s; output:\n" + output());
    }
    collector.join(TimeUnit.SECONDS.toMillis(5));
    return process.exitValue();
  }

  @Override
  public void close() throws InterruptedException {
    List<ProcessHandle> children = process.descendants().toList();
    children.forEach(ProcessHandle::destroy);
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
    for (ProcessHandle child : children) {
      child.onExit().completeOnTimeout(child, 10, TimeUnit.SECONDS).join();
      child.destroyForcibly();
    }
  }
}
