package dev.vigil.console.manager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.sun.net.httpserver.HttpServer;
import dev.vigil.agent.Agent;
import dev.vigil.console.RunningConsole;
import dev.vigil.console.manager.api.Operator;
import dev.vigil.console.manager.api.Problem;
import dev.vigil.console.manager.notify.NotifySetup;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A problem raised by a real agent reaches the manager's webhooks: firing to the route's channel,
 * an unacknowledged critical escalated to the pager, an acknowledged one not, and its end told to
 * both.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class NotificationEndToEndTest {
  private static HttpServer receiver;
  private static Path conf;

  /** "path agent-id transition" for every problem each request told. */
  private static final List<String> told = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void receive() throws IOException {
    receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    receiver.setExecutor(Executors.newSingleThreadExecutor());
    receiver.createContext(
        "/",
        exchange -> {
          JsonObject body =
              JsonParser.parseString(
                      new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8))
                  .getAsJsonObject();
          for (JsonElement e : body.getAsJsonArray("problems")) {
            JsonObject p = e.getAsJsonObject();
            told.add(
                exchange.getRequestURI().getPath()
                    + " "
                    + p.get("agent").getAsString()
                    + " "
                    + p.get("transition").getAsString());
          }
          exchange.sendResponseHeaders(204, -1);
          exchange.close();
        });
    receiver.start();
    String base = "http://127.0.0.1:" + receiver.getAddress().getPort();
    conf = Files.createTempFile("notifications", ".conf");
    Files.writeString(
        conf,
        "channel.ops.type = webhook\nchannel.ops.url = "
            + base
            + "/ops\nchannel.pager.type = webhook\nchannel.pager.url = "
            + base
            + "/pager\nroute.all.match = severity>=warning rule=cpu\nroute.all.to = ops\n"
            + "route.all.escalate-after = 4s\nroute.all.escalate-to = pager\n"
            + "group-window = 200ms\nrate-limit = off\n");
  }

  @AfterAll
  static void stop() throws IOException {
    receiver.stop(0);
    Files.deleteIfExists(conf);
  }

  @RegisterExtension
  final RunningConsole console =
      RunningConsole.configured(b -> b.notifications(new NotifySetup(conf, List.of(), List.of())));

  private Problem problemOf(Agent agent) {
    return console.manager().problems().stream()
        .filter(p -> p.agentId().equals(agent.id().toString()))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void aRealAgentsProblemIsToldEscalatedUnlessAcknowledgedAndItsEndFollows() throws Exception {
    Agent acked = console.alertingAgent("acked");
    Agent ignored = console.alertingAgent("ignored");
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                told.stream().filter(t -> t.startsWith("/ops ") && t.endsWith(" firing")).count()
                    == 2);
    Problem p = problemOf(acked);
    String ackedHost = acked.id().toString();
    String ignoredHost = ignored.id().toString();
    assertThat(console.manager().acknowledge(Operator.local(), p.alertId(), "on it")).isTrue();
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> told.contains("/pager " + ignoredHost + " escalated"));
    assertThat(told).contains("/ops " + ackedHost + " acknowledged");
    assertThat(told).doesNotContain("/pager " + ackedHost + " escalated");
    console.manager().forget(Operator.local(), ignored.id().toString());
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> told.contains("/pager " + ignoredHost + " resolved"));
    assertThat(told).contains("/ops " + ignoredHost + " resolved");
    assertThat(told)
        .filteredOn(t -> t.contains(ackedHost))
        .containsExactly("/ops " + ackedHost + " firing", "/ops " + ackedHost + " acknowledged");
  }
}
