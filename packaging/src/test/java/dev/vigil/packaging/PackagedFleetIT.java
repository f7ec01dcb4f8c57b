package dev.vigil.packaging;

import static dev.vigil.packaging.Packages.built;
import static dev.vigil.packaging.Packages.unpack;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent from its .deb, on its minimal runtime, enrolls with and reports to the console from its
 * app-image over mutual TLS on loopback: the packaged runtimes hold what both need.
 */
class PackagedFleetIT {

  @TempDir Path tmp;

  @Test
  void packagedAgentReportsToThePackagedConsole() throws Exception {
    Path agentDeb = unpack(built("vigil-agent_*.deb"), tmp.resolve("agent-deb"));
    Path image = ConsolePackageIT.appImage();
    Path ports = tmp.resolve("console.ports");
    try (Launched console =
        new Launched(
            List.of(
                image.resolve("bin/vigil-console").toString(),
                "--headless",
                "--tcp-port",
                "0",
                "--udp-port",
                "0",
                "--data-dir",
                tmp.resolve("console").toString(),
                "--port-file",
                ports.toString(),
                "--enroll-local"),
            Map.of())) {
      await().atMost(Duration.ofSeconds(60)).until(() -> Files.exists(ports) || !console.isAlive());
      Properties port = new Properties();
      try (var in = Files.newBufferedReader(ports)) {
        port.load(in);
      }
      Path agentHome = tmp.resolve("agent-home");
      // JAVA_OPTS as the unit sets it, plus a fresh user.home: JNA must not unpack anything there.
      String javaOpts = "-Xmx32m -XX:+UseSerialGC -Duser.home=" + agentHome;
      try (Launched agent =
          new Launched(
              List.of(
                  agentDeb.resolve("usr/lib/vigil-agent/bin/vigil-agent").toString(),
                  "--manager",
                  "127.0.0.1:" + port.getProperty("tcp"),
                  "--token",
                  port.getProperty("token"),
                  "--console-fingerprint",
                  port.getProperty("fingerprint"),
                  "--data-dir",
                  tmp.resolve("agent").toString(),
                  "--initial-delay",
                  "0"),
              Map.of("JAVA_OPTS", javaOpts))) {
        await()
            .atMost(Duration.ofSeconds(60))
            .pollInterval(Duration.ofMillis(500))
            .until(
                () -> {
                  console.send("agents");
                  return console.output().contains("ONLINE") || !agent.isAlive();
                });
        assertThat(console.output()).contains("enrolled with a token", "ONLINE");
        assertThat(agent.output())
            .contains("Connected to the console")
            .doesNotContain("Exception", "WARNING");
        assertThat(agentHome).doesNotExist();
      }
      console.send("quit");
      assertThat(console.awaitExit(30)).as(console.output()).isZero();
    }
  }
}
