package dev.vigil.console.manager.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.gson.JsonArray;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Debian's real {@code prometheus-alertmanager}, started by a test on a free loopback port with
 * clustering off, a receiver that sends nothing, and its storage in a temporary directory; read
 * back through its v2 API. Skipped with a reason when the binary is absent outside CI, a failure in
 * CI (CI=true), where .ci/run installs it (scripts/alertmanager.sh).
 */
final class RealAlertmanager implements AutoCloseable {
  static final Path BINARY = Path.of("/usr/bin/prometheus-alertmanager");

  private final Process process;
  private final Path dir;
  private final int port;
  private final HttpClient http = HttpClient.newHttpClient();

  private RealAlertmanager(Process process, Path dir, int port) {
    this.process = process;
    this.dir = dir;
    this.port = port;
  }

  /** Starts one and waits until {@code /-/ready} answers 200. */
  static RealAlertmanager start() throws IOException {
    boolean present = Files.isExecutable(BINARY);
    if ("true".equals(System.getenv("CI"))) {
      assertThat(present)
          .as(
              BINARY
                  + " is missing; .ci/run installs prometheus-alertmanager (scripts/alertmanager.sh)")
          .isTrue();
    }
    Assumptions.assumeTrue(
        present,
        BINARY
            + " is not installed: install Debian's prometheus-alertmanager (scripts/alertmanager.sh"
            + " does, as root) to run the Alertmanager-channel tests");
    Path dir = Files.createTempDirectory("vigil-alertmanager");
    Path config = dir.resolve("alertmanager.yml");
    Files.writeString(
        config,
        """
        route:
          receiver: nobody
          group_wait: 1h
        receivers:
          - name: nobody
        """);
    int port = freePort();
    Process p =
        new ProcessBuilder(
                BINARY.toString(),
                "--config.file=" + config,
                "--storage.path=" + dir.resolve("data"),
                "--web.listen-address=127.0.0.1:" + port,
                "--cluster.listen-address=")
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("alertmanager.log").toFile())
            .start();
    RealAlertmanager am;
    try {
      am = new RealAlertmanager(p, dir, port);
    } catch (RuntimeException | Error e) {
      // Nothing may leave the process running: a JVM without java.net.http failed here once.
      p.destroyForcibly();
      throw e;
    }
    try {
      await("Alertmanager on port " + port + " ready (log: " + dir + "/alertmanager.log)")
          .atMost(Duration.ofSeconds(30))
          .pollInterval(Duration.ofMillis(100))
          .until(am::ready);
    } catch (RuntimeException e) {
      am.close();
      throw e;
    }
    return am;
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  private boolean ready() {
    if (!process.isAlive()) {
      throw new IllegalStateException("Alertmanager exited; see " + dir + "/alertmanager.log");
    }
    try {
      return get("/-/ready").statusCode() == 200;
    } catch (IOException e) {
      return false;
    }
  }

  String url() {
    return "http://127.0.0.1:" + port;
  }

  /** The active alerts whose {@code vigil_manager} label is {@code manager}. */
  JsonArray activeAlerts(String manager) throws IOException {
    String filter = URLEncoder.encode("vigil_manager=\"" + manager + "\"", StandardCharsets.UTF_8);
    HttpResponse<String> r = get("/api/v2/alerts?active=true&filter=" + filter);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return JsonParser.parseString(r.body()).getAsJsonArray();
  }

  private HttpResponse<String> get(String path) throws IOException {
    try {
      return http.send(
          HttpRequest.newBuilder(URI.create(url() + path)).timeout(Duration.ofSeconds(5)).build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
  }

  @Override
  public void close() {
    http.close();
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
    try (var files = Files.walk(dir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    } catch (IOException e) {
      // a temporary directory left behind is no failure of the test
    }
  }
}
