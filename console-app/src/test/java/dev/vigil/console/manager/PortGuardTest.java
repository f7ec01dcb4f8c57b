package dev.vigil.console.manager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 90, unit = TimeUnit.SECONDS)
class PortGuardTest {
  @TempDir Path dir;

  @Test
  void theHolderOfATakenPortIsNamed() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      assertThat(PortGuard.holder("TCP", taken.getLocalPort()))
          .hasValueSatisfying(h -> assertThat(h.pid()).isEqualTo(ProcessHandle.current().pid()));
      ConsoleManager second =
          new ConsoleManager(
              ManagerConfig.loopbackAnyPort(dir.resolve("c")).withPorts(taken.getLocalPort(), 0));
      assertThatThrownBy(second::start)
          .isInstanceOf(PortInUseException.class)
          .hasMessageContaining("TCP port " + taken.getLocalPort())
          .hasMessageContaining("by PID " + ProcessHandle.current().pid())
          .hasMessageContaining("--tcp-port");
    }
  }

  @Test
  void aSecondConsoleOnTheSameDataDirectoryNamesTheFirst() throws Exception {
    try (ConsoleManager first =
        new ConsoleManager(ManagerConfig.loopbackAnyPort(dir.resolve("c")))) {
      first.start();
      ConsoleManager second = new ConsoleManager(ManagerConfig.loopbackAnyPort(dir.resolve("c")));
      assertThatThrownBy(second::start)
          .isInstanceOf(DataDirInUseException.class)
          .hasMessageContaining("another Vigil console (PID " + ProcessHandle.current().pid() + ")")
          .hasMessageContaining("--data-dir");
    }
    // Closed: the directory is free again.
    try (ConsoleManager again =
        new ConsoleManager(ManagerConfig.loopbackAnyPort(dir.resolve("c")))) {
      again.start();
    }
  }

  @Test
  void takeoverStopsAStaleConsoleOnTheSameDataDirectoryAndStarts() throws Exception {
    Path data = dir.resolve("c");
    Path ports = dir.resolve("ports");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process stale =
        new ProcessBuilder(
                java,
                "-cp",
                System.getProperty("java.class.path"),
                "dev.vigil.console.ConsoleMain",
                "--headless",
                "--data-dir",
                data.toString(),
                "--tcp-port",
                "0",
                "--udp-port",
                "0",
                "--port-file",
                ports.toString())
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    try {
      await().atMost(Duration.ofSeconds(60)).until(() -> Files.exists(ports));

      ConsoleManager polite = new ConsoleManager(ManagerConfig.loopbackAnyPort(data));
      assertThatThrownBy(polite::start).hasMessageContaining("PID " + stale.pid());
      assertThat(stale.isAlive()).isTrue();

      try (ConsoleManager taker =
          new ConsoleManager(ManagerConfig.loopbackAnyPort(data).withTakeover())) {
        taker.start();
        assertThat(stale.waitFor(15, TimeUnit.SECONDS)).isTrue();
        assertThat(taker.info().agentListener().getPort()).isPositive();
      }
    } finally {
      stale.destroyForcibly();
    }
  }

  @Test
  void takeoverNeverStopsAProcessThatIsNotAVigilConsole() throws Exception {
    Path data = dir.resolve("c");
    Process sleeper = new ProcessBuilder("sleep", "60").start();
    try {
      Files.createDirectories(data);
      Files.writeString(data.resolve("console.lock"), sleeper.pid() + "\n");
      // The lock file names the sleeper, but nobody holds the OS lock: start just works, and the
      // sleeper is left alone.
      try (ConsoleManager console =
          new ConsoleManager(ManagerConfig.loopbackAnyPort(data).withTakeover())) {
        console.start();
      }
      assertThat(sleeper.isAlive()).isTrue();
    } finally {
      sleeper.destroyForcibly();
    }
  }
}
