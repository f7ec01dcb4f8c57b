package dev.vigil.console.manager.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.vigil.agent.Agent;
import dev.vigil.console.TestAgents;
import dev.vigil.console.manager.ConsoleManager;
import dev.vigil.console.manager.ManagerConfig;
import dev.vigil.console.manager.api.AgentStatus;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Who may read /metrics, what it tells them, and that slow clients cannot hold it up. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class MetricsAccessTest {
  private static final String TOKEN = "s3cr3t-scrape-token-0123456789";

  @TempDir Path dir;
  private final HttpClient http = HttpClient.newHttpClient();
  private final List<AutoCloseable> opened = new ArrayList<>();

  @AfterEach
  void closeAll() throws Exception {
    for (AutoCloseable c : opened.reversed()) {
      c.close();
    }
    http.close();
  }

  private ConsoleManager console(Path tokenFile) throws IOException {
    ConsoleManager manager =
        new ConsoleManager(
            ManagerConfig.builder(dir.resolve("console"))
                .metricsPort(0)
                .metricsAccess("127.0.0.1", tokenFile)
                .build());
    opened.add(manager);
    manager.start();
    return manager;
  }

  private HttpResponse<String> send(ConsoleManager manager, String method, String path, String auth)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + manager.info().metricsListener().getPort() + path))
            .timeout(Duration.ofSeconds(10))
            .method(method, HttpRequest.BodyPublishers.noBody());
    if (auth != null) {
      request.header("Authorization", auth);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void onlyGetAndHeadOfMetricsAnswer() throws Exception {
    ConsoleManager manager = console(null);
    assertThat(send(manager, "GET", "/metrics", null).statusCode()).isEqualTo(200);
    HttpResponse<String> head = send(manager, "HEAD", "/metrics", null);
    assertThat(head.statusCode()).isEqualTo(200);
    assertThat(head.body()).isEmpty();
    for (String path : List.of("/", "/metrics/x", "/-/healthy", "/favicon.ico", "/metricsx")) {
      assertThat(send(manager, "GET", path, null).statusCode()).as(path).isEqualTo(404);
    }
    for (String method : List.of("POST", "PUT", "DELETE", "OPTIONS")) {
      HttpResponse<String> refused = send(manager, method, "/metrics", null);
      assertThat(refused.statusCode()).as(method).isEqualTo(405);
      assertThat(refused.headers().firstValue("Allow")).hasValue("GET, HEAD");
    }
  }

  @Test
  void withATokenFileEveryScrapeMustBringTheToken() throws Exception {
    Path file = Files.writeString(dir.resolve("metrics.token"), TOKEN + "\n");
    ConsoleManager manager = console(file);
    HttpResponse<String> without = send(manager, "GET", "/metrics", null);
    assertThat(without.statusCode()).isEqualTo(401);
    assertThat(without.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"vigil\"");
    assertThat(without.body()).doesNotContain("vigil_console_sessions");
    assertThat(send(manager, "GET", "/metrics", "Bearer wrong").statusCode()).isEqualTo(401);
    assertThat(send(manager, "GET", "/metrics", "Basic " + TOKEN).statusCode()).isEqualTo(401);
    HttpResponse<String> with = send(manager, "GET", "/metrics", "Bearer " + TOKEN);
    assertThat(with.statusCode()).isEqualTo(200);
    assertThat(with.body()).contains("vigil_console_sessions");
  }

  @Test
  void aBadTokenFileIsASentenceNamingIt() throws Exception {
    Path empty = Files.writeString(dir.resolve("empty.token"), "\n");
    assertThatThrownBy(() -> console(empty))
        .isInstanceOf(IOException.class)
        .hasMessage(
            "the metrics token file " + empty + " is empty; put the token on its first line");
    Path spaced = Files.writeString(dir.resolve("spaced.token"), "two words here, not a token");
    assertThatThrownBy(() -> MetricsEndpoint.readToken(spaced))
        .hasMessageContaining(spaced + ", line 1: the token must be");
    assertThatThrownBy(() -> MetricsEndpoint.readToken(dir.resolve("missing")))
        .hasMessageStartingWith("cannot read the metrics token file " + dir.resolve("missing"));
  }

  @Test
  void metricsListenOnLoopbackUnlessToldOtherwise() {
    ManagerConfig config = ManagerConfig.builder(dir).bind("192.0.2.10").metricsPort(0).build();
    assertThat(config.metricsBind()).isEqualTo("127.0.0.1");
    assertThat(config.metricsTokenFile()).isNull();
  }

  @Test
  void aPendingAgentsIdAndClaimedHostnameAreNotShown() throws Exception {
    ConsoleManager manager = console(null);
    Agent waiting = TestAgents.unenrolled(manager, dir.resolve("pending-agent"));
    opened.add(waiting);
    String id = waiting.id().toString();
    await()
        .atMost(Duration.ofSeconds(15))
        .until(() -> manager.agent(id).map(a -> a.status() == AgentStatus.PENDING).orElse(false));
    String hostname = manager.agent(id).orElseThrow().hostname();
    String body = send(manager, "GET", "/metrics", null).body();
    assertThat(body).contains("vigil_console_sessions").doesNotContain(id);
    assertThat(body).doesNotContain("host=\"" + hostname + "\"");
  }

  /** Before: ten clients sending half a request held all ten of the exporter's threads. */
  @Test
  void slowClientsDoNotStallAScrapeAndAreCutOff() throws Exception {
    ConsoleManager manager = console(null);
    int port = manager.info().metricsListener().getPort();
    List<Socket> slow = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      Socket s = new Socket(InetAddress.getLoopbackAddress(), port);
      opened.add(s);
      OutputStream out = s.getOutputStream();
      out.write("GET /metr".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      slow.add(s);
    }
    long started = System.nanoTime();
    HttpResponse<String> scrape = send(manager, "GET", "/metrics", null);
    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
    assertThat(scrape.statusCode()).isEqualTo(200);
    assertThat(millis).as("scrape time beside 20 slow clients, ms").isLessThan(2_000);
    for (Socket s : slow) {
      s.setSoTimeout(15_000);
      InputStream in = s.getInputStream();
      // closed without an answer once its request deadline passed
      assertThat(in.read()).isEqualTo(-1);
    }
  }
}
