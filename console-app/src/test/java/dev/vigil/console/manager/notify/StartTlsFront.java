package dev.vigil.console.manager.notify;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * The STARTTLS half of a mail submission server in front of GreenMail's plain SMTP port (GreenMail
 * 2.1 has implicit TLS but no STARTTLS): it greets, offers only STARTTLS, upgrades the connection
 * with the test certificate and from then on relays the client's bytes to GreenMail and back, so
 * EHLO, AUTH and the mail after the upgrade are GreenMail's own. Loopback, port 0.
 */
final class StartTlsFront implements AutoCloseable {
  private final ServerSocket server;
  private final SSLContext tls;
  private final int backendPort;
  private final List<Socket> open = new CopyOnWriteArrayList<>();
  private final AtomicInteger upgraded = new AtomicInteger();
  private final Thread acceptor;

  StartTlsFront(SSLContext tls, int backendPort) throws IOException {
    this.tls = tls;
    this.backendPort = backendPort;
    this.server = new ServerSocket();
    server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    this.acceptor = Thread.ofPlatform().daemon().name("starttls-front").start(this::accept);
  }

  int port() {
    return server.getLocalPort();
  }

  /** How many connections were upgraded to TLS. */
  int upgraded() {
    return upgraded.get();
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        Socket client = server.accept();
        open.add(client);
        Thread.ofVirtual().start(() -> serve(client));
      } catch (IOException e) {
        return; // closed
      }
    }
  }

  private void serve(Socket client) {
    try {
      client.setSoTimeout(15_000);
      InputStream in = client.getInputStream();
      OutputStream out = client.getOutputStream();
      say(out, "220 localhost ESMTP test front, STARTTLS first");
      while (true) {
        String line = readLine(in);
        if (line == null) {
          client.close();
          return;
        }
        String verb = line.split(" ", 2)[0].toUpperCase(Locale.ROOT);
        switch (verb) {
          case "EHLO" -> say(out, "250-localhost\r\n250 STARTTLS");
          case "HELO" -> say(out, "250 localhost");
          case "QUIT" -> {
            say(out, "221 bye");
            client.close();
            return;
          }
          case "STARTTLS" -> {
            say(out, "220 go ahead");
            SSLSocket secure =
                (SSLSocket)
                    tls.getSocketFactory()
                        .createSocket(client, "localhost", client.getPort(), true);
            secure.setUseClientMode(false);
            secure.startHandshake();
            open.add(secure);
            upgraded.incrementAndGet();
            relay(secure);
            return;
          }
          default -> say(out, "530 5.7.0 must issue a STARTTLS command first");
        }
      }
    } catch (IOException e) {
      closeQuietly(client);
    }
  }

  private void relay(SSLSocket secure) throws IOException {
    Socket backend = new Socket(InetAddress.getLoopbackAddress(), backendPort);
    open.add(backend);
    InputStream fromBackend = backend.getInputStream();
    // GreenMail's own greeting was said already, by this front, before the upgrade.
    readLine(fromBackend);
    Thread.ofVirtual().start(() -> copy(secure, backend));
    copy(backend, secure);
  }

  private static void copy(Socket from, Socket to) {
    try {
      from.getInputStream().transferTo(to.getOutputStream());
    } catch (IOException e) {
      // one side closed: close both below
    }
    closeQuietly(from);
    closeQuietly(to);
  }

  private static void say(OutputStream out, String reply) throws IOException {
    out.write((reply + "\r\n").getBytes(StandardCharsets.US_ASCII));
    out.flush();
  }

  /** One CRLF line, read a byte at a time so that no TLS byte after it is taken. */
  private static String readLine(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    int b;
    while ((b = in.read()) >= 0) {
      if (b == '\n') {
        return line.toString(StandardCharsets.US_ASCII).stripTrailing();
      }
      line.write(b);
    }
    return null;
  }

  private static void closeQuietly(Socket s) {
    try {
      s.close();
    } catch (IOException e) {
      // already closed
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
    for (Socket s : open) {
      closeQuietly(s);
    }
    try {
      acceptor.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
