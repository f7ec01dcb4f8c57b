package dev.vigil.console.manager.metrics;

import dev.vigil.common.LogText;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP listener of {@code /metrics}, and nothing else: {@code GET} or {@code HEAD} of that one
 * path, optionally behind a bearer token; 404 for other paths, 405 for other methods, 401 without
 * the token. Each connection has its own virtual thread and a deadline for its request, at most
 * {@value #MAX_CONNECTIONS} at a time, so slow clients cannot stall a scrape. Thread-safe.
 */
final class ScrapeServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ScrapeServer.class);

  /** Connections served at once; more are closed at once (a scraper retries next interval). */
  static final int MAX_CONNECTIONS = 64;

  /** A request line and headers longer than this are refused: a scrape sends a few hundred. */
  static final int MAX_HEAD_BYTES = 8 * 1024;

  /** What a scrape answers with. */
  interface Body {
    /** The content type of {@link #write}'s bytes. */
    String contentType();

    /** Writes the current metrics. */
    byte[] write() throws IOException;
  }

  private final ServerSocket listener;
  private final Body body;
  private final byte[] expectedAuthorization;
  private final Duration requestDeadline;
  private final Semaphore slots = new Semaphore(MAX_CONNECTIONS);
  private final AtomicLong lastAcceptWarning = new AtomicLong();
  private final ScheduledThreadPoolExecutor watchdog = new ScheduledThreadPoolExecutor(1);
  private final Thread acceptor;
  private volatile boolean closed;

  /**
   * Binds and starts serving.
   *
   * @param bearerToken the token a scrape must send as {@code Authorization: Bearer TOKEN}, or null
   *     for none
   * @param requestDeadline how long a client has to send its whole request
   */
  ScrapeServer(InetSocketAddress bind, String bearerToken, Duration requestDeadline, Body body)
      throws IOException {
    this.body = body;
    this.requestDeadline = requestDeadline;
    this.expectedAuthorization =
        bearerToken == null ? null : ("Bearer " + bearerToken).getBytes(StandardCharsets.UTF_8);
    watchdog.setRemoveOnCancelPolicy(true);
    watchdog.setThreadFactory(
        Thread.ofPlatform().daemon().name("vigil-metrics-watchdog").factory());
    this.listener = new ServerSocket();
    listener.bind(bind);
    this.acceptor = Thread.ofPlatform().daemon().name("vigil-metrics-accept").start(this::accept);
  }

  int port() {
    return listener.getLocalPort();
  }

  private void accept() {
    while (!closed) {
      Socket client;
      try {
        client = listener.accept();
      } catch (IOException e) {
        if (closed) {
          return;
        }
        acceptFailed(e);
        continue;
      }
      if (!slots.tryAcquire()) {
        closeQuietly(client);
        continue;
      }
      Thread.ofVirtual()
          .name("vigil-metrics-client")
          .start(
              () -> {
                // A client that stops reading the answer is cut off too, not only a slow asker.
                ScheduledFuture<?> cutOff =
                    watchdog.schedule(
                        () -> closeQuietly(client),
                        requestDeadline.multipliedBy(6).toMillis(),
                        TimeUnit.MILLISECONDS);
                try (client) {
                  serve(client);
                } catch (IOException e) {
                  LOG.debug("A /metrics client went away: {}", LogText.message(e));
                } finally {
                  cutOff.cancel(false);
                  slots.release();
                }
              });
    }
  }

  /** Out of file descriptors, say: wait a little instead of spinning, and warn once a minute. */
  private void acceptFailed(IOException e) {
    long now = System.nanoTime();
    long last = lastAcceptWarning.get();
    if (last == 0 || now - last > Duration.ofMinutes(1).toNanos()) {
      lastAcceptWarning.set(now);
      LOG.warn("Accepting a /metrics connection failed: {}", LogText.message(e));
    }
    try {
      Thread.sleep(100);
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  private void serve(Socket client) throws IOException {
    long deadline = System.nanoTime() + requestDeadline.toNanos();
    String head;
    try {
      head = readHead(new BufferedInputStream(client.getInputStream()), client, deadline);
    } catch (SocketTimeoutException e) {
      return; // too slow: closed without an answer
    }
    OutputStream out = client.getOutputStream();
    if (head == null) {
      respond(out, 400, "Bad Request", "", false);
      return;
    }
    String[] request = head.substring(0, head.indexOf("\r\n")).split(" ", -1);
    if (request.length != 3 || !request[2].startsWith("HTTP/1.")) {
      respond(out, 400, "Bad Request", "", false);
      return;
    }
    String method = request[0];
    String path = request[1].split("\\?", 2)[0];
    if (!path.equals("/metrics")) {
      respond(out, 404, "Not Found", "", false);
      return;
    }
    if (!method.equals("GET") && !method.equals("HEAD")) {
      respond(out, 405, "Method Not Allowed", "Allow: GET, HEAD\r\n", false);
      return;
    }
    boolean headOnly = method.equals("HEAD");
    if (expectedAuthorization != null && !authorized(head)) {
      respond(out, 401, "Unauthorized", "WWW-Authenticate: Bearer realm=\"vigil\"\r\n", headOnly);
      return;
    }
    byte[] metrics = body.write();
    out.write(
        ("HTTP/1.1 200 OK\r\nContent-Type: "
                + body.contentType()
                + "\r\nContent-Length: "
                + metrics.length
                + "\r\nConnection: close\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII));
    if (!headOnly) {
      out.write(metrics);
    }
    out.flush();
  }

  /**
   * The request line and headers, up to the empty line, read within the deadline; null when they
   * are longer than {@link #MAX_HEAD_BYTES} or the client stops before the end.
   */
  private static String readHead(InputStream in, Socket client, long deadline) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream(512);
    int matched = 0; // how much of "\r\n\r\n" the last bytes were
    while (head.size() < MAX_HEAD_BYTES) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        throw new SocketTimeoutException("the request took too long");
      }
      // A client that trickles a byte at a time meets the overall deadline, not a fresh timeout.
      client.setSoTimeout((int) Math.max(1, Duration.ofNanos(left).toMillis()));
      int b = in.read();
      if (b < 0) {
        return null;
      }
      head.write(b);
      matched = b == (matched % 2 == 0 ? '\r' : '\n') ? matched + 1 : (b == '\r' ? 1 : 0);
      if (matched == 4) {
        return head.toString(StandardCharsets.ISO_8859_1);
      }
    }
    return null;
  }

  private boolean authorized(String head) {
    for (String line : head.split("\r\n")) {
      int colon = line.indexOf(':');
      if (colon > 0
          && line.substring(0, colon).trim().toLowerCase(Locale.ROOT).equals("authorization")) {
        byte[] given = line.substring(colon + 1).trim().getBytes(StandardCharsets.ISO_8859_1);
        return MessageDigest.isEqual(given, expectedAuthorization);
      }
    }
    return false;
  }

  private static void respond(
      OutputStream out, int code, String reason, String headers, boolean headOnly)
      throws IOException {
    String text = headOnly ? "" : code + " " + reason + "\n";
    out.write(
        ("HTTP/1.1 "
                + code
                + " "
                + reason
                + "\r\n"
                + headers
                + "Content-Type: text/plain; charset=utf-8\r\nContent-Length: "
                + text.length()
                + "\r\nConnection: close\r\n\r\n"
                + text)
            .getBytes(StandardCharsets.US_ASCII));
    out.flush();
  }

  private static void closeQuietly(Socket s) {
    try {
      s.close();
    } catch (IOException e) {
      LOG.debug("closing a turned-away /metrics connection", e);
    }
  }

  @Override
  public void close() throws IOException {
    closed = true;
    listener.close();
    watchdog.shutdownNow();
    try {
      acceptor.join(Duration.ofSeconds(5));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
