package dev.vigil.console.manager.notify;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * A real HTTP receiver on loopback for webhook tests: keeps every request's headers and exact body
 * bytes, and answers the statuses queued for it (then 200).
 */
final class WebhookReceiver implements AutoCloseable {
  /** One request as it arrived. */
  record Received(
      Map<String, List<String>> headers, byte[] body, int answered, String path, long atMillis) {
    String header(String name) {
      return headers.entrySet().stream()
          .filter(e -> e.getKey().equalsIgnoreCase(name))
          .map(e -> e.getValue().get(0))
          .findFirst()
          .orElse(null);
    }

    String text() {
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  final List<Received> received = new CopyOnWriteArrayList<>();
  final Queue<Integer> statuses = new ConcurrentLinkedQueue<>();
  private final HttpServer server;

  WebhookReceiver() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(Executors.newSingleThreadExecutor());
    server.createContext(
        "/",
        exchange -> {
          byte[] body = exchange.getRequestBody().readAllBytes();
          Integer queued = statuses.poll();
          int status = queued == null ? 200 : queued;
          received.add(
              new Received(
                  Map.copyOf(exchange.getRequestHeaders()),
                  body,
                  status,
                  exchange.getRequestURI().getPath(),
                  System.currentTimeMillis()));
          byte[] answer =
              (status == 400 ? "unknown field 'blocks'" : "ok").getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(status, answer.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(answer);
          }
        });
    server.start();
  }

  /** The URL of a path on it. */
  String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
