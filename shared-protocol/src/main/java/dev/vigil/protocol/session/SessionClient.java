package dev.vigil.protocol.session;

import dev.vigil.common.Backoff;
import dev.vigil.protocol.Protocol;
import dev.vigil.protocol.frame.FrameReader;
import dev.vigil.protocol.frame.FrameWriter;
import dev.vigil.protocol.message.Hello;
import dev.vigil.protocol.message.Welcome;
import dev.vigil.protocol.tls.TlsContexts;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Base64;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * The agent's side of the protocol, shared by the agent and the swarm: dials the console (client
 * mode) or accepts it (server mode), shakes hands over TLS within a timeout, says hello, waits for
 * welcome (heartbeating while pending), then hands the console's messages to a {@link
 * SessionHandler} until the session ends, and dials again with {@link Backoff}. In client mode it
 * runs on the thread that calls {@link #run()} and starts no thread of its own; in server mode that
 * thread accepts and each connection shakes hands on a virtual thread ({@link ServerModeListener}),
 * one session at a time. {@link #close()} may be called from any thread.
 */
public final class SessionClient implements Runnable, AutoCloseable {
  private static final Duration HANDSHAKE_TIMEOUT = Duration.ofSeconds(10);

  private final String host;
  private final int port;
  private final ServerSocket listener;
  private final ServerModeListener serverMode;
  private final ReentrantLock oneSession = new ReentrantLock();
  private final String peerName;
  private final UUID agentId;
  private final Supplier<Hello> hello;
  private final SessionHandler handler;
  private final SessionEvents events;
  private final SSLContext tls;
  private final DatagramSocket udp;
  private final Duration firstDialWithin;
  private final Backoff backoff = Backoff.reconnect(ThreadLocalRandom.current());
  private volatile boolean running = true;
  private volatile Socket socket;

  private SessionClient(Builder b, ServerSocket listener) {
    this.host = b.host;
    this.port = b.port;
    this.listener = listener;
    this.peerName = b.peerName == null ? b.host : b.peerName;
    this.agentId = Objects.requireNonNull(b.agentId, "agentId");
    this.hello = Objects.requireNonNull(b.hello, "hello");
    this.handler = Objects.requireNonNull(b.handler, "handler");
    this.events = b.events;
    this.tls = b.tls;
    this.udp = b.udp;
    this.firstDialWithin = b.firstDialWithin;
    this.serverMode =
        listener == null
            ? null
            : new ServerModeListener(listener, tls, events, () -> running, this::acceptedSession);
  }

  /** A client that dials the console at {@code host:port}. */
  public static Builder dialing(String host, int port) {
    return new Builder(host, port, null);
  }

  /** A client that waits on {@code address} for the console to dial in (server mode). */
  public static Builder listening(InetSocketAddress address) {
    return new Builder(null, 0, Objects.requireNonNull(address, "address"));
  }

  /** How a {@link SessionClient} is put together; not thread-safe, used once. */
  public static final class Builder {
    private final String host;
    private final int port;
    private final InetSocketAddress listen;
    private String peerName;
    private UUID agentId;
    private Supplier<Hello> hello;
    private SessionHandler handler;
    private SessionEvents events = new SessionEvents() {};
    private SSLContext tls;
    private DatagramSocket udp;
    private Duration firstDialWithin = Duration.ZERO;
    private Supplier<ServerSocket> serverSockets = Builder::newServerSocket;

    private Builder(String host, int port, InetSocketAddress listen) {
      this.host = host;
      this.port = port;
      this.listen = listen;
    }

    /** The agent whose key seals the alert datagrams. */
    public Builder agentId(UUID agentId) {
      this.agentId = agentId;
      return this;
    }

    /** Builds the hello for each new connection. */
    public Builder hello(Supplier<Hello> hello) {
      this.hello = hello;
      return this;
    }

    /** Receives each session's life and the console's messages. */
    public Builder handler(SessionHandler handler) {
      this.handler = handler;
      return this;
    }

    /** Hears what happens to connections, for logs and counters. */
    public Builder events(SessionEvents events) {
      this.events = Objects.requireNonNull(events, "events");
      return this;
    }

    /** Mutual TLS with this context; without it the client speaks plain TCP (insecure lab mode). */
    public Builder tls(SSLContext tls) {
      this.tls = tls;
      return this;
    }

    /**
     * The peer name a dialled TLS connection is opened with (default: the host): it keys session
     * resumption, and a context's key manager may choose the agent's key by it.
     */
    public Builder peerName(String peerName) {
      this.peerName = peerName;
      return this;
    }

    /**
     * The socket alert datagrams leave from; the caller owns it (many clients may share one).
     * Without it no datagrams are sent.
     */
    public Builder datagrams(DatagramSocket udp) {
      this.udp = udp;
      return this;
    }

    /** Spreads the first dial over a random delay up to {@code max}. */
    public Builder firstDialWithin(Duration max) {
      this.firstDialWithin = Objects.requireNonNull(max, "max");
      return this;
    }

    /** Where server mode's listening socket comes from: a test may hand in one that fails. */
    Builder serverSockets(Supplier<ServerSocket> sockets) {
      this.serverSockets = Objects.requireNonNull(sockets, "sockets");
      return this;
    }

    private static ServerSocket newServerSocket() {
      try {
        return new ServerSocket();
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }

    /** The client; in server mode its port is bound now, so that a bad address fails here. */
    public SessionClient build() throws IOException {
      if (listen == null) {
        return new SessionClient(this, null);
      }
      ServerSocket server = serverSockets.get();
      try {
        server.setReuseAddress(true);
        server.bind(listen, 8);
        return new SessionClient(this, server);
      } catch (IOException | RuntimeException e) {
        server.close();
        throw e;
      }
    }
  }

  @Override
  public void run() {
    if (serverMode != null) {
      serverMode.acceptLoop();
      return;
    }
    // A fleet restarted together (a power cut, a rollout) must not dial in together.
    Duration firstDelay =
        Duration.ofMillis(ThreadLocalRandom.current().nextLong(firstDialWithin.toMillis() + 1));
    if (!firstDelay.isZero()) {
      events.waitingToDial(firstDelay);
      if (!pause(firstDelay)) {
        return;
      }
    }
    while (running) {
      Socket connected = null;
      try {
        events.dialing();
        connected = dial();
        session(connected);
      } catch (IOException e) {
        if (running) {
          events.failed(e, connected == null ? null : connected.getRemoteSocketAddress());
        }
      }
      if (!running) {
        break;
      }
      Duration wait = backoff.next();
      events.reconnecting(wait);
      if (!pause(wait)) {
        return;
      }
    }
  }

  private static boolean pause(Duration wait) {
    try {
      Thread.sleep(wait);
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Connects and shakes hands; a connection that fails on the way is closed, not left to GC. */
  private Socket dial() throws IOException {
    Socket raw = new Socket();
    socket = raw;
    try {
      raw.connect(new InetSocketAddress(host, port), (int) HANDSHAKE_TIMEOUT.toMillis());
      raw.setTcpNoDelay(true);
      raw.setKeepAlive(true);
      raw.setSoTimeout((int) HANDSHAKE_TIMEOUT.toMillis());
      if (tls == null) {
        return raw;
      }
      SSLSocket ssl = (SSLSocket) tls.getSocketFactory().createSocket(raw, peerName, port, true);
      socket = ssl;
      ssl.setUseClientMode(true);
      TlsContexts.configure(ssl);
      ssl.startHandshake();
      events.consoleKeyAccepted(TlsContexts.peerFingerprint(ssl.getSession()).orElseThrow());
      return ssl;
    } catch (IOException | RuntimeException e) {
      try {
        socket.close();
      } catch (IOException closing) {
        e.addSuppressed(closing);
      }
      throw e;
    }
  }

  /**
   * Server mode: a console connection whose handshake succeeded. One session at a time: a newer one
   * replaces the current session (a console that redials has given the old one up, which may be
   * half-open).
   */
  private void acceptedSession(Socket authenticated) throws IOException {
    disconnect();
    oneSession.lock();
    try {
      if (!running) {
        return;
      }
      socket = authenticated;
      session(authenticated);
    } finally {
      oneSession.unlock();
    }
  }

  /** Runs one session on a connected, authenticated socket until it ends. */
  private void session(Socket connected) throws IOException {
    try (Socket s = connected) {
      FrameWriter writer = new FrameWriter(s.getOutputStream(), Protocol.MAX_FRAME_BYTES);
      FrameReader reader = new FrameReader(s.getInputStream(), Protocol.MAX_FRAME_BYTES);
      Conversation conversation = new Conversation(s, reader, writer, events, () -> running);
      writer.writeMessage(hello.get());
      Welcome welcome = conversation.awaitWelcome();
      backoff.reset();
      ConsoleSession session = open(s, writer, welcome);
      s.setSoTimeout(welcome.heartbeatSeconds() * 3 * 1000);
      events.connected(session);
      handler.sessionOpened(session);
      try {
        conversation.readLoop(session, handler);
      } finally {
        handler.sessionClosed(session);
      }
    } finally {
      socket = null;
    }
  }

  private ConsoleSession open(Socket s, FrameWriter writer, Welcome welcome) {
    InetSocketAddress alertTarget =
        welcome.alertPort() == 0 || udp == null
            ? null
            : new InetSocketAddress(s.getInetAddress(), welcome.alertPort());
    String consoleKey =
        s instanceof SSLSocket ssl
            ? TlsContexts.peerFingerprint(ssl.getSession()).map(Object::toString).orElse("unknown")
            : "insecure";
    return new ConsoleSession(
        agentId,
        writer,
        s,
        s.getRemoteSocketAddress(),
        welcome.protocolVersion(),
        Base64.getDecoder().decode(welcome.alertKey()),
        alertTarget,
        udp,
        welcome.heartbeatSeconds(),
        consoleKey);
  }

  /** Server mode: how many times {@code accept()} was called, for tests. */
  long acceptAttempts() {
    return serverMode == null ? 0 : serverMode.acceptAttempts();
  }

  /** The port this client listens on in server mode, or -1 in client mode. */
  public int listenPort() {
    return listener == null ? -1 : listener.getLocalPort();
  }

  private void disconnect() {
    Socket s = socket;
    if (s != null) {
      try {
        s.close();
      } catch (IOException e) {
        // closing a broken socket: nothing left to do
      }
    }
  }

  /** Stops dialling (or accepting) and closes the current session; the datagram socket stays. */
  @Override
  public void close() {
    running = false;
    if (listener != null) {
      try {
        listener.close();
      } catch (IOException e) {
        // a listener that will not close is gone for this client either way
      }
      serverMode.closeHandshakes();
    }
    disconnect();
  }
}
