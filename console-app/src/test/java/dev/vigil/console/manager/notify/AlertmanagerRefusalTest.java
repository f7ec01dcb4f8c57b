package dev.vigil.console.manager.notify;

import static dev.vigil.console.manager.notify.NotifyFixtures.firing;
import static dev.vigil.console.manager.notify.NotifyFixtures.message;
import static dev.vigil.console.manager.notify.NotifyFixtures.notice;
import static dev.vigil.console.manager.notify.NotifyFixtures.settings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.vigil.console.manager.notify.Notice.Transition;
import dev.vigil.protocol.message.Severity;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What the channel does with an HTTP answer other than 2xx, from a loopback HTTP server that
 * answers as a proxy or a misconfigured Alertmanager would: 4xx is permanent (but 429), 5xx is not.
 */
@Timeout(30)
class AlertmanagerRefusalTest {
  HttpServer server;
  final AtomicReference<Integer> status = new AtomicReference<>(400);
  final AtomicReference<String> auth = new AtomicReference<>();

  @BeforeEach
  void start() throws Exception {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/prefix/api/v2/alerts",
        exchange -> {
          auth.set(exchange.getRequestHeaders().getFirst("Authorization"));
          exchange.getRequestBody().readAllBytes();
          byte[] body = "{\"code\":400,\"message\":\"bad alert\"}".getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(status.get(), body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  void deliver() throws Exception {
    String url = "http://vigil:pw@127.0.0.1:" + server.getAddress().getPort() + "/prefix/";
    try (AlertmanagerChannel channel =
        AlertmanagerChannel.from(settings("am", "alertmanager", Map.of(), "url", url), "m")) {
      channel.deliver(
          message(
              1,
              List.of(
                  notice(
                      firing(1, "web-1", "cpu", Severity.CRITICAL, System.currentTimeMillis()),
                      Transition.FIRING))));
    }
  }

  @Test
  void a400IsPermanentAndSaysWhatTheServerSaid() {
    assertThatThrownBy(this::deliver)
        .isInstanceOfSatisfying(
            DeliveryException.class,
            e -> {
              assertThat(e.getMessage())
                  .isEqualTo(
                      "http://***@127.0.0.1:"
                          + server.getAddress().getPort()
                          + "/prefix answered HTTP 400: {\"code\":400,\"message\":\"bad alert\"}");
              assertThat(e.permanent()).isTrue();
            });
    assertThat(auth.get()).isEqualTo("Basic dmlnaWw6cHc=");
  }

  @Test
  void a503IsWorthRetrying() {
    status.set(503);
    assertThatThrownBy(this::deliver)
        .isInstanceOfSatisfying(DeliveryException.class, e -> assertThat(e.permanent()).isFalse());
  }

  @Test
  void a429IsWorthRetrying() {
    status.set(429);
    assertThatThrownBy(this::deliver)
        .isInstanceOfSatisfying(DeliveryException.class, e -> assertThat(e.permanent()).isFalse());
  }
}
