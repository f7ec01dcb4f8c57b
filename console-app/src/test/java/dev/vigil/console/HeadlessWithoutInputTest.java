package dev.vigil.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * #17, point 16: {@code console --headless} with standard input at its end (nohup, a service) used
 * to exit at once with code 0 and no word. It now says so and keeps watching until SIGTERM.
 */
class HeadlessWithoutInputTest {
  private static final Pattern TCP = Pattern.compile("listening on tcp 127\\.0\\.0\\.1:(\\d+)");

  @TempDir Path dir;
  private Path output;
  private Process console;

  @AfterEach
  void stop() throws InterruptedException {
    if (console != null && console.isAlive()) {
      console.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void endOfInputIsSaidAndTheConsoleRunsUntilSigterm() throws Exception {
    output = dir.resolve("console.out");
    String java = ProcessHandle.current().info().command().orElse("java");
    console =
        new ProcessBuilder(
                java,
                "-cp",
                System.getProperty("java.class.path"),
                ConsoleMain.class.getName(),
                "--headless",
                "--tcp-port",
                "0",
                "--udp-port",
                "0",
                "--data-dir",
                dir.resolve("console").toString())
            .redirectInput(new File("/dev/null"))
            .redirectErrorStream(true)
            // a file, not a pipe: Process.destroy() closes its pipes, losing what follows SIGTERM
            .redirectOutput(output.toFile())
            .start();

    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> lines().stream().anyMatch(l -> l.contains("Standard input closed")));
    assertThat(lines())
        .anyMatch(l -> l.contains("running without a prompt until stopped (SIGTERM or Ctrl-C)"));
    int port =
        lines().stream()
            .map(TCP::matcher)
            .filter(Matcher::find)
            .mapToInt(m -> Integer.parseInt(m.group(1)))
            .findFirst()
            .orElseThrow();
    // Still there and still serving agents after its input ended: not an exit with code 0.
    assertThat(console.isAlive()).isTrue();
    try (Socket agentSide = new Socket(InetAddress.getLoopbackAddress(), port)) {
      assertThat(agentSide.isConnected()).isTrue();
    }
    assertThat(console.isAlive()).isTrue();

    console.destroy(); // SIGTERM
    assertThat(console.waitFor(20, TimeUnit.SECONDS)).isTrue();
    List<String> after = lines();
    assertThat(after)
        .as(() -> String.join("\n", after))
        .anyMatch(l -> l.contains("Stopping: closing agent sessions"));
    assertThat(console.exitValue()).isEqualTo(143);
  }

  private List<String> lines() throws IOException {
    return Files.readAllLines(output, StandardCharsets.UTF_8);
  }
}
