package dev.vigil.console.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vigil.agent.Agent;
import dev.vigil.agent.probe.OshiSystemProbe;
import dev.vigil.console.TestAgents;
import dev.vigil.console.manager.ConsoleManager;
import dev.vigil.console.manager.ManagerConfig;
import dev.vigil.console.manager.api.Metric;
import dev.vigil.console.manager.api.Operator;
import dev.vigil.console.manager.store.ConsoleStore;
import dev.vigil.console.manager.store.ProblemTable;
import dev.vigil.protocol.tls.Fingerprint;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real {@code vigil manager} as a service would run it: its own JVM, no standard input,
 * settings from a config file; a real agent reports to it, then SIGTERM stops it.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class ManagerServiceTest {
  private static final Pattern AGENTS =
      Pattern.compile("Vigil manager listening on tcp 127\\.0\\.0\\.1:(\\d+) \\(agents\\)");
  private static final Pattern METRICS =
      Pattern.compile("Vigil manager listening on http 127\\.0\\.0\\.1:(\\d+) \\(/metrics\\)");

  @TempDir Path dir;
  private ManagerProcess manager;
  private Agent agent;

  @AfterEach
  void stop() throws InterruptedException {
    if (agent != null) {
      agent.close();
    }
    if (manager != null) {
      manager.close();
    }
  }

  @Test
  void sigtermWritesTheMinuteInProgressAndTheAgentsConnectedThenExitsWith0() throws Exception {
    Path data = dir.resolve("manager");
    // An enrollment token and the key, made by the same manager code on the same data directory.
    String token;
    Fingerprint key;
    try (ConsoleManager setup = new ConsoleManager(ManagerConfig.loopbackAnyPort(data))) {
      setup.start();
      token = setup.enroll(Operator.local(), Duration.ofMinutes(5), 1).token();
      key = Fingerprint.parse(setup.info().keyFingerprint().orElseThrow());
    }
    Path conf = dir.resolve("manager.conf");
    Files.writeString(
        conf,
        "# as the package's, on free loopback ports\ndata-dir = "
            + data
            + "\nbind = 127.0.0.1\ntcp-port = 0\nudp-port = 0\nmetrics-port = 0\n",
        StandardCharsets.UTF_8);
    manager = new ManagerProcess(dir.resolve("manager.out"), List.of("--config", conf.toString()));
    int agentPort = manager.port(AGENTS);
    int metricsPort = manager.port(METRICS);
    assertThat(manager.lines())
        .anyMatch(l -> l.matches("Vigil manager listening on udp 127\\.0\\.0\\.1:\\d+ .*"))
        .contains("Manager key fingerprint " + key.value())
        .noneMatch(l -> l.contains("operator channel"));

    UUID id = UUID.randomUUID();
    agent =
        new Agent(
            TestAgents.swingingConfig(
                agentPort, dir.resolve("agent"), Duration.ofMillis(200), token, key, 1000),
            id,
            new OshiSystemProbe());
    agent.start();
    await().atMost(Duration.ofSeconds(30)).until(agent::connected);
    // The manager has its samples once /metrics shows the agent's CPU.
    HttpClient http = HttpClient.newHttpClient();
    HttpRequest scrape =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + metricsPort + "/metrics")).build();
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                http.send(scrape, HttpResponse.BodyHandlers.ofString())
                    .body()
                    .lines()
                    .anyMatch(
                        l ->
                            l.startsWith("vigil_agent_cpu_percent{") && l.contains(id.toString())));
    assertThat(manager.isAlive()).as("runs with standard input at its end").isTrue();

    int code = manager.terminate();
    String said = manager.text();
    assertThat(code).as(said).isZero();
    assertThat(said)
        .contains("Stopping: closing agent sessions and writing the minute in progress", "Stopped")
        .doesNotContain("Exception", "\tat ");
    agent.close();
    agent = null;

    try (ConsoleStore store = new ConsoleStore(data)) {
      // The minute in progress at the stop is in the store (a minute of history needs no wait).
      assertThat(store.minutes(id.toString(), Metric.CPU, 0, Long.MAX_VALUE)).isNotEmpty();
      assertThat(new ProblemTable(store).onlineAtStop()).contains(id.toString());
    }
  }

  @Test
  void withALogFileTheLogGoesThereAndTheListenerLinesToo() throws Exception {
    Path log = dir.resolve("logs").resolve("manager.log");
    manager =
        new ManagerProcess(
            dir.resolve("manager.out"),
            List.of(
                "--data-dir",
                dir.resolve("manager").toString(),
                "--tcp-port",
                "0",
                "--udp-port",
                "0",
                "--log-file",
                log.toString()));
    int port = manager.port(AGENTS);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> Files.exists(log) && Files.readString(log).contains("Running until stopped"));
    assertThat(Files.readString(log)).contains("listening on tcp 127.0.0.1:" + port + " (agents)");
    assertThat(manager.terminate()).isZero();
    assertThat(Files.readString(log)).contains("Stopped");
    // Standard error only had what came before the file took over: no log lines after it.
    assertThat(manager.text()).doesNotContain("Running until stopped", "Stopping:");
  }
}
