package dev.vigil.console.manager.notify;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;

/**
 * An SMTPS server on loopback that refuses every recipient whose address starts with {@code bad}
 * (550, no such user) and takes the others, as a real server with a mistyped address in the
 * channel's {@code to} would; GreenMail takes any recipient. Counts the mails it took.
 */
final class RefusingSmtpServer implements AutoCloseable {
  private final ServerSocket server;
  private final AtomicInteger taken = new AtomicInteger();
  private final Thread acceptor;

  RefusingSmtpServer(SSLContext tls) throws IOException {
    server =
        tls.getServerSocketFactory().createServerSocket(0, 5, InetAddress.getLoopbackAddress());
    acceptor = Thread.ofPlatform().daemon().name("refusing-smtp").start(this::accept);
  }

  int port() {
    return server.getLocalPort();
  }

  int taken() {
    return taken.get();
  }

  private void accept() {
    while (!server.isClosed()) {
      try (Socket s = server.accept()) {
        s.setSoTimeout(10_000);
        converse(s);
      } catch (IOException e) {
        // closed, or the client went away: serve the next
      }
    }
  }

  private void converse(Socket s) throws IOException {
    BufferedReader in =
        new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
    OutputStream out = s.getOutputStream();
    say(out, "220 localhost ESMTP refusing test server");
    String line;
    while ((line = in.readLine()) != null) {
      String upper = line.toUpperCase(Locale.ROOT);
      if (upper.startsWith("EHLO") || upper.startsWith("HELO")) {
        say(out, "250 localhost");
      } else if (upper.startsWith("MAIL FROM")) {
        say(out, "250 2.1.0 ok");
      } else if (upper.startsWith("RCPT TO")) {
        say(out, upper.contains("<BAD") ? "550 5.1.1 no such user" : "250 2.1.5 ok");
      } else if (upper.equals("DATA")) {
        say(out, "354 go ahead");
        while ((line = in.readLine()) != null && !line.equals(".")) {
          // the mail's lines
        }
        taken.incrementAndGet();
        say(out, "250 2.0.0 taken");
      } else if (upper.equals("RSET") || upper.equals("NOOP")) {
        say(out, "250 ok");
      } else if (upper.equals("QUIT")) {
        say(out, "221 bye");
        return;
      } else {
        say(out, "502 5.5.2 not implemented");
      }
    }
  }

  private static void say(OutputStream out, String reply) throws IOException {
    out.write((reply + "\r\n").getBytes(StandardCharsets.US_ASCII));
    out.flush();
  }

  @Override
  public void close() throws IOException {
    server.close();
    try {
      acceptor.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
