package dev.vigil.console.service;

import static org.awaitility.Awaitility.await;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real {@code vigil manager} in its own JVM, from this build's classpath, with no standard input
 * and its output in a file; closing it kills what is left of it.
 */
final class ManagerProcess implements AutoCloseable {
  private final Process process;
  private final Path output;

  ManagerProcess(Path output, List<String> args) throws IOException {
    this.output = output;
    String java =
        ProcessHandle.current()
            .info()
            .command()
            .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    List<String> command = new ArrayList<>();
    command.addAll(
        List.of(
            java,
            "-Xmx256m",
            "-cp",
            System.getProperty("java.class.path"),
            "dev.vigil.console.ManagerMain"));
    command.addAll(args);
    process =
        new ProcessBuilder(command)
            .redirectInput(new File("/dev/null"))
            .redirectErrorStream(true)
            // a file, not a pipe: Process.destroy() closes its pipes, losing what follows SIGTERM
            .redirectOutput(output.toFile())
            .start();
  }

  List<String> lines() throws IOException {
    return Files.readAllLines(output, StandardCharsets.UTF_8);
  }

  String text() throws IOException {
    return String.join("\n", lines());
  }

  /** The port of the first output line that matches {@code pattern}'s group 1, once printed. */
  int port(Pattern pattern) {
    return await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () -> {
              if (!process.isAlive()
                  && lines().stream().noneMatch(l -> pattern.matcher(l).find())) {
                throw new AssertionError("the manager ended:\n" + text());
              }
              return lines().stream()
                  .map(pattern::matcher)
                  .filter(Matcher::find)
                  .map(m -> Integer.parseInt(m.group(1)))
                  .findFirst()
                  .orElse(-1);
            },
            p -> p > 0);
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /** Sends SIGTERM and returns the exit code once it ended. */
  int terminate() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      throw new AssertionError("still running 30 s after SIGTERM");
    }
    return process.exitValue();
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }
}
