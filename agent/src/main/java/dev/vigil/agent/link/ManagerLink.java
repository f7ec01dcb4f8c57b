package dev.vigil.agent.link;

import dev.vigil.common.LogText;
import dev.vigil.protocol.message.ErrorMessage;
import dev.vigil.protocol.message.Hello;
import dev.vigil.protocol.message.Pending;
import dev.vigil.protocol.session.ConsoleSession;
import dev.vigil.protocol.session.SessionClient;
import dev.vigil.protocol.session.SessionEvents;
import dev.vigil.protocol.session.SessionHandler;
import dev.vigil.protocol.tls.Fingerprint;
import java.io.EOFException;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.security.cert.CertificateException;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's connection to the console: the shared {@link SessionClient} in client mode (dialling
 * with backoff and full jitter) or server mode, with the agent's own datagram socket, its console
 * pin, and its log sentences for what happens to the connection. Runs on its own thread until
 * {@link #close()}.
 */
public final class ManagerLink implements Runnable, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ManagerLink.class);

  private final String host;
  private final int port;
  private final ConsolePin pin;
  private final DatagramSocket udp;
  private final SessionClient client;
  private final DialHint hint;

  /**
   * Who the agent is to the console, the same in either mode.
   *
   * @param agentId the agent's id
   * @param hello the hello each session opens with
   * @param handler receives the console's messages and the session's start and end
   * @param tls the agent's TLS context, or null for plain TCP (insecure lab mode)
   * @param pin the console key this agent trusts; ignored without TLS
   */
  public record Peer(
      UUID agentId,
      Supplier<Hello> hello,
      SessionHandler handler,
      SSLContext tls,
      ConsolePin pin) {}

  private ManagerLink(
      SessionClient.Builder mode, String host, int port, Peer me, Duration firstDialWithin)
      throws IOException {
    this.host = host;
    this.port = port;
    this.pin = me.pin();
    this.hint = new DialHint(host, port, () -> pin == null ? Optional.empty() : pin.pinned());
    this.udp = new DatagramSocket();
    try {
      this.client =
          mode.agentId(me.agentId())
              .hello(me.hello())
              .handler(me.handler())
              .events(new Log())
              .tls(me.tls())
              .datagrams(udp)
              .firstDialWithin(firstDialWithin)
              .build();
    } catch (IOException | RuntimeException e) {
      udp.close();
      throw e;
    }
  }

  /**
   * A link that dials {@code host:port}, the first time after a random delay up to {@code
   * firstDialWithin}.
   */
  public static ManagerLink dialing(String host, int port, Peer me, Duration firstDialWithin)
      throws IOException {
    return new ManagerLink(SessionClient.dialing(host, port), host, port, me, firstDialWithin);
  }

  /**
   * A link that listens on {@code listen} for the console to dial in (server mode); the console's
   * key must be pinned.
   */
  public static ManagerLink listening(InetSocketAddress listen, Peer me) throws IOException {
    return new ManagerLink(SessionClient.listening(listen), null, 0, me, Duration.ZERO);
  }

  @Override
  public void run() {
    client.run();
  }

  /** The port this agent listens on in server mode, or -1 in client mode. */
  public int listenPort() {
    return client.listenPort();
  }

  /** Stops dialling and closes the current session. */
  @Override
  public void close() {
    client.close();
    udp.close();
  }

  /** What the operator reads about the connection, in the agent's words. */
  private final class Log implements SessionEvents {
    @Override
    public void waitingToDial(Duration delay) {
      LOG.info("Connecting to the console in {} ms", delay.toMillis());
    }

    @Override
    public void listening(SocketAddress local) {
      LOG.info("Waiting for the console to connect on {}", local);
    }

    @Override
    public void acceptFailed(IOException e, long failures) {
      LOG.warn(
          "Accepting console connections failed {} times since the last report: {}; pausing"
              + " between attempts",
          failures,
          describe(e));
    }

    @Override
    public void pending(Pending p) {
      LOG.warn(
          "The console has not approved this agent yet; it sees this agent's key as {}."
              + " Approve it on the console, or restart the agent with --token-file and a token"
              + " from the console.",
          p.agentFingerprint());
    }

    @Override
    public void connected(ConsoleSession session) {
      if (pin != null && session.consoleFingerprint().startsWith("SHA256:")) {
        // Pinned only now: a console that shook hands but never welcomed leaves no pin.
        pin.welcomed(Fingerprint.parse(session.consoleFingerprint()));
      }
      hint.connected();
      LOG.info(
          "Connected to the console at {} (protocol {})",
          session.remoteAddress(),
          session.protocolVersion());
    }

    @Override
    public void consoleError(ErrorMessage err) {
      LOG.warn("The console reported an error: {}: {}", err.code(), LogText.of(err.detail()));
    }

    @Override
    public void failed(IOException e, SocketAddress peer) {
      if (host == null) {
        LOG.warn("Session with the console from {} ended: {}", peer, LogText.of(describe(e)));
      } else {
        LOG.warn(
            "Connection to the console at {}:{} failed: {}", host, port, LogText.of(describe(e)));
        hint.failed(e).ifPresent(LOG::warn);
      }
    }

    @Override
    public void reconnecting(Duration wait) {
      LOG.info("Reconnecting to {}:{} in {} ms", host, port, wait.toMillis());
    }
  }

  private static String describe(IOException e) {
    if (e instanceof EOFException) {
      return "the console closed the connection";
    }
    // A refused console key is explained by the certificate check deep in the handshake's causes.
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof CertificateException && t.getMessage() != null) {
        return t.getMessage();
      }
    }
    if (e instanceof SSLHandshakeException
        && (e.getCause() instanceof EOFException
            || String.valueOf(e.getMessage()).contains("terminated the handshake"))) {
      // The console's handshake gate turns connections away while it admits a crowd.
      return "the console closed the connection before the TLS handshake finished (usually: it is"
          + " busy admitting other agents after a restart)";
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }
}
