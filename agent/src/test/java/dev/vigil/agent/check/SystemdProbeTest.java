package dev.vigil.agent.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.protocol.message.CheckMetric;
import dev.vigil.protocol.message.CheckStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The systemd check against a stand-in {@code systemctl} (a script in test resources, since systemd
 * is not PID 1 where these tests run) that answers {@code systemctl show UNIT
 * --property=ActiveState,SubState,NRestarts} as systemd 252 prints it; see the script's comment.
 */
class SystemdProbeTest {
  @TempDir static Path dir;
  static String systemctl;

  @BeforeAll
  static void standIn() throws Exception {
    Path from = Path.of(SystemdProbeTest.class.getResource("/checks/systemctl/systemctl").toURI());
    try (Stream<Path> files = Files.list(from.getParent())) {
      for (Path f : files.toList()) {
        Files.copy(f, dir.resolve(f.getFileName()));
      }
    }
    Path script = dir.resolve("systemctl");
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
    systemctl = script.toString();
  }

  private static Probe.Outcome unit(String name) throws InterruptedException {
    return new SystemdProbe(name, systemctl).run(Duration.ofSeconds(10));
  }

  @Test
  void anActiveUnitIsOkWithItsRestartCount() throws Exception {
    Probe.Outcome o = unit("nginx.service");
    assertThat(o.status()).isEqualTo(CheckStatus.OK);
    assertThat(o.message()).isEqualTo("nginx.service is active (running), restarted 0 time(s)");
    assertThat(o.metrics()).containsExactly(new CheckMetric("restarts", 0, ""));
  }

  @Test
  void aFailedOrMissingUnitIsCriticalAndOneRestartingIsAWarning() throws Exception {
    assertThat(unit("crashy.service").status()).isEqualTo(CheckStatus.CRITICAL);
    assertThat(unit("crashy.service").message()).contains("failed (failed), restarted 5 time(s)");
    assertThat(unit("nosuch.service").status()).isEqualTo(CheckStatus.CRITICAL);
    assertThat(unit("nosuch.service").message())
        .isEqualTo("nosuch.service is inactive (dead), restarted 0 time(s)");
    assertThat(unit("flaky.service").status()).isEqualTo(CheckStatus.WARNING);
  }

  @Test
  void aUnitWithoutARestartCountHasNoMetricAndAMissingSystemctlIsUnknown() throws Exception {
    Probe.Outcome oneshot = unit("oneshot");
    assertThat(oneshot.status()).isEqualTo(CheckStatus.OK);
    assertThat(oneshot.metrics()).isEmpty();
    Probe.Outcome none =
        new SystemdProbe("nginx.service", dir.resolve("no-such-systemctl").toString())
            .run(Duration.ofSeconds(5));
    assertThat(none.status()).isEqualTo(CheckStatus.UNKNOWN);
    assertThat(none.message()).startsWith("systemctl cannot run: ");
  }
}
