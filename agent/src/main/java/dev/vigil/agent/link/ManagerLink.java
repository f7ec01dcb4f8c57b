package dev.vigil.agent.link;

import dev.vigil.common.Backoff;
import dev.vigil.protocol.Protocol;
import dev.vigil.protocol.frame.FrameReader;
import dev.vigil.protocol.frame.FrameWriter;
import dev.vigil.protocol.frame.ProtocolException;
import dev.vigil.protocol.message.ConsoleMessage;
import dev.vigil.protocol.message.ErrorCode;
import dev.vigil.protocol.message.ErrorMessage;
import dev.vigil.protocol.message.Heartbeat;
import dev.vigil.protocol.message.Hello;
import dev.vigil.protocol.message.Message;
import dev.vigil.protocol.message.Pending;
import dev.vigil.protocol.message.Welcome;
import dev.vigil.protocol.tls.TlsContexts;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Base64;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's connection to the console in client mode: dials, says hello, reads the console's
 * messages, and dials again with backoff and full jitter whenever the session ends. Runs on its own
 * thread until {@link #close()}.
 */
public final class ManagerLink implements Runnable, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ManagerLink.class);
  private static final Duration HANDSHAKE_TIMEOUT = Duration.ofSeconds(10);

  private final String host;
  private final int port;
  private final UUID agentId;
  private final Supplier<Hello> hello;
  private final SessionHandler handler;
  private final Backoff backoff;
  private final DatagramSocket udp;
  private final SSLContext tls;
  private final ServerSocket listener;
  private volatile Duration initialDelay = Duration.ZERO;
  private final ConsolePin pin;
  private volatile boolean running = true;
  private volatile Socket socket;

  /**
   * A link that dials {@code host:port}.
   *
   * @param tls the agent's TLS context, or null for plain TCP (insecure lab mode)
   * @param pin the console key this agent trusts; ignored without TLS
   */
  public ManagerLink(
      String host,
      int port,
      UUID agentId,
      Supplier<Hello> hello,
      SessionHandler handler,
      SSLContext tls,
      ConsolePin pin)
      throws IOException {
    this(host, port, null, agentId, hello, handler, tls, pin);
  }

  /**
   * A link that listens on {@code listen} for the console to dial in (server mode); the console's
   * key must be pinned.
   */
  public static ManagerLink listening(
      InetSocketAddress listen,
      UUID agentId,
      Supplier<Hello> hello,
      SessionHandler handler,
      SSLContext tls,
      ConsolePin pin)
      throws IOException {
    return new ManagerLink(null, 0, listen, agentId, hello, handler, tls, pin);
  }

  private ManagerLink(
      String host,
      int port,
      InetSocketAddress listen,
      UUID agentId,
      Supplier<Hello> hello,
      SessionHandler handler,
      SSLContext tls,
      ConsolePin pin)
      throws IOException {
    if (listen != null) {
      this.listener = new ServerSocket();
      listener.setReuseAddress(true);
      listener.bind(listen, 8);
    } else {
      this.listener = null;
    }
    this.tls = tls;
    this.pin = pin;
    this.host = host;
    this.port = port;
    this.agentId = agentId;
    this.hello = hello;
    this.handler = handler;
    this.backoff = Backoff.reconnect(RandomGenerator.getDefault());
    this.udp = new DatagramSocket();
  }

  @Override
  public void run() {
    if (listener != null) {
      acceptLoop();
      return;
    }
    // A fleet restarted together (a power cut, a rollout) must not dial in together.
    Duration firstDelay =
        Duration.ofMillis(RandomGenerator.getDefault().nextLong(initialDelay.toMillis() + 1));
    if (!firstDelay.isZero()) {
      LOG.info("Connecting to the console in {} ms", firstDelay.toMillis());
      try {
        Thread.sleep(firstDelay);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
    while (running) {
      try {
        connectOnce();
      } catch (IOException e) {
        if (running) {
          LOG.warn("Connection to the console at {}:{} failed: {}", host, port, describe(e));
        }
      }
      if (!running) {
        break;
      }
      Duration wait = backoff.next();
      LOG.info("Reconnecting to {}:{} in {} ms", host, port, wait.toMillis());
      try {
        Thread.sleep(wait);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private Socket dial() throws IOException {
    Socket raw = new Socket();
    socket = raw;
    raw.connect(new InetSocketAddress(host, port), (int) HANDSHAKE_TIMEOUT.toMillis());
    raw.setTcpNoDelay(true);
    raw.setKeepAlive(true);
    raw.setSoTimeout((int) HANDSHAKE_TIMEOUT.toMillis());
    if (tls == null) {
      return raw;
    }
    SSLSocket ssl = (SSLSocket) tls.getSocketFactory().createSocket(raw, host, port, true);
    socket = ssl;
    ssl.setUseClientMode(true);
    TlsContexts.configure(ssl);
    ssl.startHandshake();
    pin.trustOnFirstUse(TlsContexts.peerFingerprint(ssl.getSession()).orElseThrow());
    return ssl;
  }

  private void connectOnce() throws IOException {
    session(dial());
  }

  /** Server mode: waits for the console to dial in, one session at a time. */
  private void acceptLoop() {
    LOG.info("Waiting for the console to connect on {}", listener.getLocalSocketAddress());
    while (running) {
      Socket raw;
      try {
        raw = listener.accept();
      } catch (IOException e) {
        if (running) {
          LOG.warn("Accepting a console connection failed: {}", describe(e));
        }
        continue;
      }
      try {
        raw.setTcpNoDelay(true);
        raw.setSoTimeout((int) HANDSHAKE_TIMEOUT.toMillis());
        Socket s = raw;
        if (tls != null) {
          SSLSocket ssl =
              (SSLSocket)
                  tls.getSocketFactory()
                      .createSocket(
                          raw, raw.getInetAddress().getHostAddress(), raw.getPort(), true);
          ssl.setUseClientMode(false);
          TlsContexts.configure(ssl);
          ssl.startHandshake();
          s = ssl;
        }
        socket = s;
        session(s);
      } catch (IOException e) {
        if (running) {
          LOG.warn(
              "Session with the console from {} ended: {}",
              raw.getRemoteSocketAddress(),
              describe(e));
        }
        try {
          raw.close();
        } catch (IOException ignored) {
          // already closed
        }
      }
    }
  }

  /** Spreads the first connection over a random delay up to {@code max}; call before running. */
  public void randomizeFirstConnection(Duration max) {
    this.initialDelay = max;
  }

  /** The port this agent listens on in server mode, or -1 in client mode. */
  public int listenPort() {
    return listener == null ? -1 : listener.getLocalPort();
  }

  /** Runs one session on a connected, authenticated socket until it ends. */
  private void session(Socket connected) throws IOException {
    try (Socket s = connected) {
      FrameWriter writer = new FrameWriter(s.getOutputStream(), Protocol.MAX_FRAME_BYTES);
      FrameReader reader = new FrameReader(s.getInputStream(), Protocol.MAX_FRAME_BYTES);
      writer.writeMessage(hello.get());
      Welcome welcome = awaitWelcome(s, reader, writer);
      backoff.reset();
      InetSocketAddress alertTarget =
          welcome.alertPort() == 0
              ? null
              : new InetSocketAddress(s.getInetAddress(), welcome.alertPort());
      ConsoleSession session =
          new ConsoleSession(
              agentId,
              writer,
              Base64.getDecoder().decode(welcome.alertKey()),
              alertTarget,
              udp,
              welcome.heartbeatSeconds(),
              s instanceof SSLSocket ssl
                  ? TlsContexts.peerFingerprint(ssl.getSession())
                      .map(Object::toString)
                      .orElse("unknown")
                  : "insecure");
      LOG.info(
          "Connected to the console at {} (protocol {})",
          s.getRemoteSocketAddress(),
          welcome.protocolVersion());
      s.setSoTimeout(welcome.heartbeatSeconds() * 3 * 1000);
      handler.sessionOpened(session);
      try {
        readLoop(reader, writer, session);
      } finally {
        handler.sessionClosed(session);
      }
    } finally {
      socket = null;
    }
  }

  /**
   * Reads until welcome; while the console's operator has not approved us, keeps the line alive.
   */
  private Welcome awaitWelcome(Socket s, FrameReader reader, FrameWriter writer)
      throws IOException {
    long interval = TimeUnit.SECONDS.toNanos(Protocol.DEFAULT_HEARTBEAT_SECONDS);
    long lastReceived = System.nanoTime();
    long lastSent = System.nanoTime();
    while (running) {
      Message message = null;
      try {
        message = reader.readMessage();
        lastReceived = System.nanoTime();
      } catch (SocketTimeoutException e) {
        if (System.nanoTime() - lastReceived >= 3 * interval) {
          throw new IOException("the console was silent for three heartbeat intervals");
        }
      }
      // While pending, this side must show life too, whatever the console sends.
      if (System.nanoTime() - lastSent >= interval) {
        writer.writeMessage(new Heartbeat(System.currentTimeMillis()));
        lastSent = System.nanoTime();
      }
      switch (message) {
        case null -> {}
        case Welcome w -> {
          return w;
        }
        case Pending p -> {
          LOG.warn(
              "The console has not approved this agent yet; it sees this agent's key as {}."
                  + " Approve it on the console, or restart the agent with --token.",
              p.agentFingerprint());
          s.setSoTimeout(1000);
        }
        case Heartbeat h -> {
          // The console keeps the pending session alive.
        }
        case ErrorMessage err ->
            throw new IOException(
                "the console refused this agent: " + err.detail() + " (" + err.code() + ")");
        default ->
            throw new ProtocolException(
                ErrorCode.UNEXPECTED_MESSAGE,
                "expected welcome, got " + message.getClass().getSimpleName());
      }
    }
    throw new IOException("the agent is stopping");
  }

  private void readLoop(FrameReader reader, FrameWriter writer, ConsoleSession session)
      throws IOException {
    while (running) {
      Message message;
      try {
        message = reader.readMessage();
      } catch (SocketTimeoutException e) {
        throw new IOException("the console was silent for three heartbeat intervals");
      } catch (ProtocolException e) {
        writer.writeMessage(new ErrorMessage(e.code(), e.getMessage()));
        throw e;
      }
      switch (message) {
        case ConsoleMessage m -> handler.received(session, m);
        case Heartbeat h -> {
          // Its arrival reset the read timeout; nothing else to do.
        }
        case ErrorMessage err ->
            LOG.warn("The console reported an error: {}: {}", err.code(), err.detail());
        default -> {
          writer.writeMessage(
              new ErrorMessage(
                  ErrorCode.UNEXPECTED_MESSAGE,
                  "unexpected " + message.getClass().getSimpleName()));
          throw new ProtocolException(ErrorCode.UNEXPECTED_MESSAGE, "unexpected " + message);
        }
      }
    }
  }

  private static String describe(IOException e) {
    if (e instanceof java.io.EOFException) {
      return "the console closed the connection";
    }
    // A refused console key is explained by the certificate check deep in the handshake's causes.
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof java.security.cert.CertificateException && t.getMessage() != null) {
        return t.getMessage();
      }
    }
    if (e instanceof javax.net.ssl.SSLHandshakeException
        && (e.getCause() instanceof java.io.EOFException
            || String.valueOf(e.getMessage()).contains("terminated the handshake"))) {
      // The console's handshake gate turns connections away while it admits a crowd.
      return "the console closed the connection before the TLS handshake finished (usually: it is"
          + " busy admitting other agents after a restart)";
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }

  /** Stops dialling and closes the current session. */
  @Override
  public void close() {
    running = false;
    if (listener != null) {
      try {
        listener.close();
      } catch (IOException e) {
        LOG.debug("closing the listener", e);
      }
    }
    Socket s = socket;
    if (s != null) {
      try {
        s.close();
      } catch (IOException e) {
        LOG.debug("closing the console connection", e);
      }
    }
    udp.close();
  }
}
