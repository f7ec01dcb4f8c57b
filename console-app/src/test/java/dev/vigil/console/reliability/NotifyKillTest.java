package dev.vigil.console.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.sun.net.httpserver.HttpServer;
import dev.vigil.agent.Agent;
import dev.vigil.console.TestAgents;
import dev.vigil.protocol.tls.Fingerprint;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The console is stopped while its agents open and resolve problems as fast as their rules allow
 * and its webhook is being told of them, then restarted on the same data directory: afterwards the
 * receiver (a real HTTP server that dedups nothing) has every problem's firing and resolution
 * exactly once. After a clean stop that holds with no exception, even for a message the receiver
 * was still answering. After a kill -9 the one allowed exception is the at-least-once window: a
 * message the receiver took whose delivered mark the kill prevented comes again, with the same
 * message id (its Idempotency-Key), so a receiver that keys on it acts on each message once.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class NotifyKillTest {
  private static final int AGENTS = Integer.getInteger("vigil.reliability.notify-agents", 10);

  @TempDir Path dir;
  private final List<Process> consoles = new ArrayList<>();
  private final List<Agent> agents = new ArrayList<>();
  private final ConcurrentLinkedQueue<String> log = new ConcurrentLinkedQueue<>();
  private HttpServer receiver;
  private final List<TestAgents.SwingingProbe> probes = new ArrayList<>();
  private int tcp;
  private int udp;

  /** Each (problem, transition) to the message ids of the deliveries that told it. */
  private final Map<String, List<Long>> told = new ConcurrentHashMap<>();

  private final AtomicInteger messages = new AtomicInteger();

  /** The receiver holds its answer to message number {@link #holdAt} until this opens. */
  private final CountDownLatch release = new CountDownLatch(1);

  private volatile int holdAt = Integer.MAX_VALUE;

  @AfterEach
  void cleanUp() throws IOException {
    release.countDown();
    Files.createDirectories(Path.of("target"));
    Files.write(Path.of("target", "notify-kill-test.log"), log);
    agents.forEach(Agent::close);
    consoles.forEach(Process::destroyForcibly);
    if (receiver != null) {
      receiver.stop(0);
    }
  }

  private void receive() throws IOException {
    receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    receiver.setExecutor(Executors.newSingleThreadExecutor());
    receiver.createContext(
        "/",
        exchange -> {
          JsonObject body =
              JsonParser.parseString(
                      new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8))
                  .getAsJsonObject();
          long id = Long.parseLong(exchange.getRequestHeaders().getFirst("X-Vigil-Message-Id"));
          for (JsonElement e : body.getAsJsonArray("problems")) {
            JsonObject p = e.getAsJsonObject();
            String key = p.get("problem").getAsLong() + " " + p.get("transition").getAsString();
            told.computeIfAbsent(key, k -> new CopyOnWriteArrayList<>()).add(id);
          }
          if (messages.incrementAndGet() == holdAt) {
            try {
              release.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException ignored) {
              Thread.currentThread().interrupt();
            }
          }
          exchange.sendResponseHeaders(200, -1);
          exchange.close();
        });
    receiver.start();
  }

  private ConsoleProcess console(int tcp, int udp) throws IOException {
    ConsoleProcess c =
        new ConsoleProcess(
            dir, log, tcp, udp, "--notifications", dir.resolve("notifications.conf").toString());
    consoles.add(c.process);
    return c;
  }

  /** What the store says must have been told: every problem's firing, and its resolution. */
  private Set<String> expected() throws Exception {
    Set<String> keys = new HashSet<>();
    try (Connection db =
            DriverManager.getConnection(
                "jdbc:sqlite:" + dir.resolve("console").resolve("vigil.db"));
        Statement s = db.createStatement();
        ResultSet r = s.executeQuery("SELECT id, state FROM problems")) {
      while (r.next()) {
        keys.add(r.getLong(1) + " firing");
        if (r.getString(2).equals("RESOLVED")) {
          keys.add(r.getLong(1) + " resolved");
        }
      }
    }
    return keys;
  }

  /** The console with its agents swinging, and the receiver told of at least five messages. */
  private ConsoleProcess startWave() throws Exception {
    receive();
    Files.writeString(
        dir.resolve("notifications.conf"),
        "channel.hook.type = webhook\n"
            + "channel.hook.url = http://127.0.0.1:"
            + receiver.getAddress().getPort()
            + "/vigil\n"
            + "group-window = 300ms\nrate-limit = off\nreminder-every = off\n");
    ConsoleProcess first = console(0, 0);
    await().atMost(Duration.ofSeconds(60)).until(() -> Files.exists(dir.resolve("ports")));
    Properties ports = new Properties();
    try (var in = Files.newBufferedReader(dir.resolve("ports"))) {
      ports.load(in);
    }
    tcp = Integer.parseInt(ports.getProperty("tcp"));
    udp = Integer.parseInt(ports.getProperty("udp"));
    Fingerprint key = Fingerprint.parse(ports.getProperty("fingerprint"));
    String token =
        first.ask("token " + AGENTS + " 1").getAsJsonObject("data").get("token").getAsString();
    for (int i = 0; i < AGENTS; i++) {
      TestAgents.SwingingProbe probe = new TestAgents.SwingingProbe("busy-" + i);
      probes.add(probe);
      Agent agent =
          new Agent(
              TestAgents.swingingConfig(
                  tcp, dir.resolve("agent-" + i), Duration.ofMillis(100), token, key, 100_000),
              UUID.randomUUID(),
              probe);
      agents.add(agent);
      agent.start();
    }
    await().atMost(Duration.ofSeconds(60)).until(() -> agents.stream().allMatch(Agent::connected));
    await().atMost(Duration.ofSeconds(60)).until(() -> messages.get() >= 5);
    return first;
  }

  /**
   * Restarts the console once the agents have raised more while it was down, calms them, and waits
   * until the receiver has been told all the store holds; returns how many messages came twice.
   */
  private int restartAndFinish(String how) throws Exception {
    long raisedMeanwhile = agents.stream().mapToLong(Agent::lastSequence).sum();
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> agents.stream().mapToLong(Agent::lastSequence).sum() >= raisedMeanwhile + AGENTS);
    int atStop = messages.get();
    ConsoleProcess second = console(tcp, udp);
    await().atMost(Duration.ofSeconds(90)).until(() -> agents.stream().allMatch(Agent::connected));
    probes.forEach(p -> p.swinging.set(false));
    await()
        .atMost(Duration.ofSeconds(120))
        .until(() -> agents.stream().mapToLong(a -> a.unacknowledgedAlerts().size()).sum() == 0);
    agents.forEach(Agent::close);
    agents.clear();
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(500))
        .untilAsserted(() -> assertThat(told.keySet()).containsAll(expected()));
    second.ask("quit");
    assertThat(second.process.waitFor(30, TimeUnit.SECONDS)).isTrue();

    Set<String> expected = expected();
    assertThat(told.keySet()).containsExactlyInAnyOrderElementsOf(expected);
    Set<Long> resent = new HashSet<>();
    for (Map.Entry<String, List<Long>> e : told.entrySet()) {
      List<Long> ids = e.getValue();
      if (ids.size() > 1) {
        // Only the at-least-once window: the same message again, never a second message.
        assertThat(ids).as("deliveries of %s", e.getKey()).hasSize(2).containsOnly(ids.get(0));
        resent.add(ids.get(0));
      }
    }
    System.out.printf(
        "notify %s: %d agents, %d notifications in %d messages (%d before the stop);"
            + " every one told, %d message(s) twice%n",
        how, AGENTS, expected.size(), messages.get(), atStop, resent.size());
    return resent.size();
  }

  @Test
  void afterAKillNineEveryNotificationReachesTheWebhookOnce() throws Exception {
    ConsoleProcess first = startWave();
    first.process.destroyForcibly(); // SIGKILL mid-wave: notices written, messages in flight
    assertThat(first.process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(restartAndFinish("kill -9"))
        .as("messages told twice: at most the one in flight at the kill")
        .isLessThanOrEqualTo(1);
  }

  @Test
  void afterACleanStopWithAMessageInFlightNothingIsToldTwice() throws Exception {
    holdAt = 6; // the receiver is still answering this one when the console is told to stop
    ConsoleProcess first = startWave();
    await().atMost(Duration.ofSeconds(60)).until(() -> messages.get() >= holdAt);
    first.stdin.write("quit\n".getBytes(StandardCharsets.UTF_8));
    first.stdin.flush();
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> log.stream().anyMatch(l -> l.contains("notifications under way to hook")));
    release.countDown(); // answered after the stop began: the console must wait and mark it
    assertThat(first.process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(restartAndFinish("clean stop")).as("messages told twice").isZero();
  }
}
