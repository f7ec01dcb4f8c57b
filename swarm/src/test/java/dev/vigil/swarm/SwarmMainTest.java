package dev.vigil.swarm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.common.cli.Cli;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class SwarmMainTest {
  private final Cli.DurationConverter durations = new Cli.DurationConverter();

  @Test
  void durationsReadAsAnOperatorWritesThem() {
    assertThat(durations.convert("500ms")).isEqualTo(Duration.ofMillis(500));
    assertThat(durations.convert("1s")).isEqualTo(Duration.ofSeconds(1));
    assertThat(durations.convert("5m")).isEqualTo(Duration.ofMinutes(5));
    assertThat(durations.convert("2h")).isEqualTo(Duration.ofHours(2));
    assertThat(durations.convert("30")).isEqualTo(Duration.ofSeconds(30));
    assertThatThrownBy(() -> durations.convert("soon"))
        .isInstanceOf(CommandLine.TypeConversionException.class)
        .hasMessageContaining("500ms");
  }

  @Test
  void aBadConsoleAddressIsASentenceAndExitCodeTwo() {
    CommandLine cl = new CommandLine(new SwarmMain());
    java.io.StringWriter err = new java.io.StringWriter();
    cl.setErr(new java.io.PrintWriter(err));
    assertThat(cl.execute("--agents", "1", "--console", "nowhere")).isEqualTo(2);
    assertThat(err.toString()).contains("--console must be HOST:PORT");
  }

  @Test
  void withoutTheConsolesKeyTheSwarmRefusesToStartUnlessToldToTrustTheFirst() {
    CommandLine cl = new CommandLine(new SwarmMain());
    java.io.StringWriter err = new java.io.StringWriter();
    cl.setErr(new java.io.PrintWriter(err));
    assertThat(cl.execute("--agents", "1", "--console", "127.0.0.1:9", "--token", "vgt_a"))
        .isEqualTo(2);
    assertThat(err.toString())
        .contains("--console-fingerprint SHA256:")
        .contains("--trust-on-first-use");
  }

  @Test
  void theTokenMayComeFromAFileButNotFromBothPlaces() throws Exception {
    CommandLine cl = new CommandLine(new SwarmMain());
    java.io.StringWriter err = new java.io.StringWriter();
    cl.setErr(new java.io.PrintWriter(err));
    java.nio.file.Path file = java.nio.file.Files.createTempFile("swarm-token", "");
    try {
      assertThat(
              cl.execute(
                  "--agents",
                  "1",
                  "--console",
                  "127.0.0.1:9",
                  "--token",
                  "vgt_a",
                  "--token-file",
                  file.toString(),
                  "--trust-on-first-use"))
          .isEqualTo(2);
      assertThat(err.toString()).contains("either --token or --token-file");
    } finally {
      java.nio.file.Files.delete(file);
    }
  }
}
