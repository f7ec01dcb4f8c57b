package dev.vigil.console.manager;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A loopback TCP relay that can stop relaying without closing anything: to both ends the connection
 * looks open but goes silent, as when a cable is pulled or a NAT entry expires.
 */
public final class FreezingProxy implements AutoCloseable {
  private final ServerSocket server;
  private final int targetPort;
  private final List<Socket> sockets = new CopyOnWriteArrayList<>();
  private volatile boolean frozen;
  private final AtomicLong downstream = new AtomicLong();
  private volatile long downstreamLimit = Long.MAX_VALUE;

  public FreezingProxy(int targetPort) throws IOException {
    this.targetPort = targetPort;
    this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread.ofVirtual().start(this::accept);
  }

  public int port() {
    return server.getLocalPort();
  }

  /** From now on nothing is relayed in either direction, and nothing is closed. */
  public void freeze() {
    frozen = true;
  }

  /**
   * Freezes once {@code bytes} more have gone from the target to the client, before relaying the
   * read that passes them: the client sees a transfer stop part way, never its end.
   */
  public void freezeAfter(long bytes) {
    downstreamLimit = downstream.get() + bytes;
  }

  /** Whether the relay has frozen. */
  public boolean frozen() {
    return frozen;
  }

  /** New connections are relayed again; the frozen ones stay silent and open. */
  void thaw() {
    frozen = false;
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        Socket client = server.accept();
        Socket upstream = new Socket(InetAddress.getLoopbackAddress(), targetPort);
        sockets.add(client);
        sockets.add(upstream);
        Thread.ofVirtual().start(() -> pump(client, upstream, false));
        Thread.ofVirtual().start(() -> pump(upstream, client, true));
      } catch (IOException e) {
        return;
      }
    }
  }

  private void pump(Socket from, Socket to, boolean toClient) {
    byte[] buffer = new byte[8192];
    try {
      InputStream in = from.getInputStream();
      OutputStream out = to.getOutputStream();
      int n;
      while ((n = in.read(buffer)) >= 0) {
        if (toClient && downstream.addAndGet(n) > downstreamLimit) {
          frozen = true;
        }
        if (frozen) {
          return; // swallow, keep both sockets open; this connection never relays again
        }
        out.write(buffer, 0, n);
        out.flush();
      }
    } catch (IOException e) {
      // one side went away: the test is over
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
    for (Socket s : sockets) {
      s.close();
    }
  }
}
