package dev.vigil.agent.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import dev.vigil.protocol.message.CheckMetric;
import dev.vigil.protocol.message.CheckStatus;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The plugin check running Debian's real monitoring plugins against servers on loopback. */
class PluginProbeTest {
  private static Probe.Outcome run(String line) throws InterruptedException {
    CheckSpec spec = CheckLine.parse("t", line);
    return Probes.of(spec, "systemctl").run(spec.timeout());
  }

  @Test
  void checkDummysExitCodesAreTheFourStatesAndItsTextTheMessage() throws Exception {
    String dummy = NagiosPlugins.plugin("check_dummy");
    assertThat(run("plugin " + dummy + " 0 'all good'").status()).isEqualTo(CheckStatus.OK);
    assertThat(run("plugin " + dummy + " 0 'all good'").message()).isEqualTo("OK: all good");
    assertThat(run("plugin " + dummy + " 1 slow").status()).isEqualTo(CheckStatus.WARNING);
    assertThat(run("plugin " + dummy + " 2 down").status()).isEqualTo(CheckStatus.CRITICAL);
    assertThat(run("plugin " + dummy + " 3 huh").status()).isEqualTo(CheckStatus.UNKNOWN);
  }

  @Test
  void checkTcpConnectsToALoopbackServerAndReportsItsTime() throws Exception {
    String tcp = NagiosPlugins.plugin("check_tcp");
    try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      Probe.Outcome up = run("plugin " + tcp + " -H 127.0.0.1 -p " + server.getLocalPort());
      assertThat(up.status()).isEqualTo(CheckStatus.OK);
      assertThat(up.metrics()).extracting(CheckMetric::name).contains("time");
      int port = server.getLocalPort();
      server.close();
      assertThat(run("plugin " + tcp + " -H 127.0.0.1 -p " + port).status())
          .isEqualTo(CheckStatus.CRITICAL);
    }
  }

  @Test
  void checkHttpReadsALoopbackServersAnswerAndItsPerformanceData() throws Exception {
    String http = NagiosPlugins.plugin("check_http");
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/health",
        x -> {
          byte[] body = "ok".getBytes();
          x.sendResponseHeaders(200, body.length);
          x.getResponseBody().write(body);
          x.close();
        });
    server.start();
    try {
      Probe.Outcome o =
          run(
              "plugin "
                  + http
                  + " -H 127.0.0.1 -p "
                  + server.getAddress().getPort()
                  + " -u /health");
      assertThat(o.status()).isEqualTo(CheckStatus.OK);
      assertThat(o.message()).startsWith("HTTP OK");
      assertThat(o.metrics()).extracting(CheckMetric::name).contains("time", "size");
    } finally {
      server.stop(0);
    }
  }

  @Test
  void checkDisksPerformanceDataIsTheFileSystemsUse() throws Exception {
    String disk = NagiosPlugins.plugin("check_disk");
    Probe.Outcome o = run("plugin " + disk + " -w 1% -c 1% -p /");
    assertThat(o.message()).startsWith("DISK ");
    assertThat(o.metrics()).extracting(CheckMetric::name).containsExactly("/");
    assertThat(o.metrics().getFirst().unit()).isEqualTo("B");
    assertThat(o.metrics().getFirst().value()).isPositive();
  }

  @Test
  void aPluginPastItsTimeoutIsKilledWithItsChildrenAndIsUnknown(@TempDir Path dir)
      throws Exception {
    Path pidFile = dir.resolve("child.pid");
    long start = System.nanoTime();
    Probe.Outcome o =
        run(
            "plugin /bin/sh -c 'sleep 60 & echo $! > "
                + pidFile
                + "; echo started; wait' timeout 500ms");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    assertThat(o.status()).isEqualTo(CheckStatus.UNKNOWN);
    assertThat(o.message()).isEqualTo("The plugin /bin/sh was killed after 500 ms");
    long child = Long.parseLong(Files.readString(pidFile).strip());
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> ProcessHandle.of(child).map(p -> !p.isAlive()).orElse(true));
  }

  @Test
  void outputIsCappedAndTheRestDrainedSoThePluginNeverBlocks() throws Exception {
    BoundedRun.Result r =
        BoundedRun.run(
            List.of("/bin/sh", "-c", "head -c 1000000 /dev/zero | tr '\\000' x; exit 2"),
            Duration.ofSeconds(20));
    assertThat(r.timedOut()).isFalse();
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.output()).hasSize(BoundedRun.MAX_OUTPUT);
  }

  @Test
  void unprintableTextBecomesSpacesAndIsCut() {
    assertThat(CheckText.printable("OK\u001b[2J\u202eevil\tx", 512)).isEqualTo("OK [2J evil x");
    assertThat(CheckText.printable("a".repeat(600), 512)).hasSize(512);
  }
}
