package dev.vigil.console.manager.transport;

import dev.vigil.common.LogText;
import dev.vigil.common.ReportEvery;
import dev.vigil.console.manager.alerts.AlertService;
import dev.vigil.console.manager.alerts.ConsoleAlerts;
import dev.vigil.console.manager.api.ManagerInfo;
import dev.vigil.console.manager.fleet.AgentRegistry;
import dev.vigil.console.manager.store.ConsoleStore;
import dev.vigil.console.manager.trust.TrustStore;
import dev.vigil.protocol.Protocol;
import dev.vigil.protocol.frame.FrameReader;
import dev.vigil.protocol.frame.FrameWriter;
import dev.vigil.protocol.frame.ProtocolException;
import dev.vigil.protocol.message.CommandResult;
import dev.vigil.protocol.message.ErrorCode;
import dev.vigil.protocol.message.ErrorMessage;
import dev.vigil.protocol.message.Message;
import dev.vigil.protocol.tls.TlsContexts;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Collection;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Accepts agents' sessions over mutual TLS 1.3 (plain TCP only when configured insecure), one
 * virtual thread each, and admits them through the {@link TrustStore}. A session that sends
 * anything the protocol does not allow gets an error and is closed; the listener and every other
 * session carry on.
 */
public final class TcpService implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(TcpService.class);
  private static final long HANDSHAKE_TIMEOUT_MILLIS = 10_000;

  private final ServerSocket server;
  private final SSLContext tls;
  private final TlsAcceptance acceptance;
  private final Admission admission;
  private final SessionReader reader;
  private final TransportCounters counters = new TransportCounters();
  private final int heartbeatSeconds;
  private final ScheduledExecutorService timers;
  private final Thread acceptor;
  private final int unadmittedLimit;
  // Accepted connections whose hello is not decided yet; with the sessions awaiting approval, the
  // sessions not admitted.
  private final AtomicInteger undecided = new AtomicInteger();
  private final ReportEvery overLimitReports = new ReportEvery(Duration.ofSeconds(10));
  // Peers not admitted choose how often they fail: one line per 10 s about them, with a count.
  private final ReportEvery strangerErrors = new ReportEvery(Duration.ofSeconds(10));
  private final ReportEvery failedHandshakes = new ReportEvery(Duration.ofSeconds(10));

  /**
   * What a session hands its agent's messages to.
   *
   * @param registry stats, inventory and status
   * @param alerts alerts that arrive over TCP
   * @param udp the datagram listener, told each session's alert key
   * @param trust who may connect
   * @param consoleAlerts the console's own alerts (a key that changed)
   * @param commandResults where command results go, with the session that sent each
   */
  public record Parts(
      AgentRegistry registry,
      AlertService alerts,
      UdpAlertService udp,
      TrustStore trust,
      ConsoleAlerts consoleAlerts,
      BiConsumer<AgentConnection, CommandResult> commandResults) {}

  /**
   * Binds the listener; {@link #start()} starts accepting.
   *
   * @param tls the console's TLS context, or null for plain TCP (insecure lab mode)
   * @param heartbeatSeconds the heartbeat interval; a session silent for three is closed
   * @param consoleId this console's id, sent in {@code welcome}
   * @param timers runs admission deadlines
   * @param unadmittedLimit connections open but not admitted, at most; one more is closed at once
   */
  public TcpService(
      InetSocketAddress bind,
      SSLContext tls,
      int heartbeatSeconds,
      String consoleId,
      Parts parts,
      ScheduledExecutorService timers,
      int unadmittedLimit)
      throws IOException {
    // A plain listener even with TLS: each connection is wrapped once its client hello is in and
    // the handshake gate gives it a turn, so idle connections cost no turn.
    this.server = new ServerSocket();
    this.tls = tls;
    server.setReuseAddress(true);
    server.bind(bind, 1024);
    this.heartbeatSeconds = heartbeatSeconds;
    this.timers = timers;
    this.acceptance = tls == null ? null : new TlsAcceptance(tls, timers);
    this.admission = new Admission(consoleId, heartbeatSeconds, parts, counters);
    this.reader = new SessionReader(parts, counters);
    this.unadmittedLimit = unadmittedLimit;
    this.acceptor =
        Thread.ofPlatform()
            .name("vigil-tcp-acceptor")
            .daemon()
            .unstarted(new AcceptLoop(server, this::accepted));
  }

  /** Starts accepting connections. */
  public void start() {
    acceptor.start();
  }

  /**
   * What the listener holds open, refused, closed and turned away (no handshake turn in time, or
   * too many sessions not admitted yet).
   */
  public ManagerInfo.SessionCounters counters() {
    return new ManagerInfo.SessionCounters(
        admission.open(),
        counters.refused.get(),
        counters.silent.get(),
        (acceptance == null ? 0 : acceptance.turnedAway()) + counters.overCapacity.get(),
        acceptance == null ? 0 : acceptance.turns(),
        counters.unapprovedFrames.get());
  }

  /** The address the listener bound. */
  public InetSocketAddress address() {
    return (InetSocketAddress) server.getLocalSocketAddress();
  }

  /** The admitted session of an agent, or null. */
  public AgentConnection connection(String agentId) {
    return admission.admitted(agentId);
  }

  /** Every open session, admitted or waiting. */
  public Collection<AgentConnection> connections() {
    return admission.sessions();
  }

  /** The operator approved an agent: a waiting session opens at once. */
  public void approved(String agentId) {
    admission.approved(agentId);
  }

  /** The operator rejected or forgot an agent: its session ends. */
  public void disallowed(String agentId, String reason) {
    admission.disallowed(agentId, reason);
  }

  /**
   * A new connection gets a session of its own, unless as many are open and not admitted as the
   * limit allows: then it is closed at once, before any byte is read.
   */
  private void accepted(Socket socket) {
    int unadmitted = undecided.get() + admission.awaiting();
    if (unadmitted >= unadmittedLimit) {
      counters.overCapacity.incrementAndGet();
      closeQuietly(socket);
      long closed = overLimitReports.count();
      if (closed > 0) {
        LOG.warn(
            "Closed {} new connections at once since the last report: {} sessions are open and"
                + " not admitted yet, the limit (a flood of connections that never finish?)",
            closed,
            unadmitted);
      }
      return;
    }
    undecided.incrementAndGet();
    Thread.ofVirtual().name("vigil-agent-session").start(() -> session(socket, false, true));
  }

  /** Connections closed at once because too many sessions were not admitted yet. */
  long overCapacity() {
    return counters.overCapacity.get();
  }

  /** Frames a session may send: a few KiB until the console admits it, then the full limit. */
  static int frameLimit(AgentConnection connection) {
    return connection != null && connection.admitted()
        ? Protocol.MAX_FRAME_BYTES
        : Protocol.MAX_UNADMITTED_FRAME_BYTES;
  }

  /**
   * Runs one session, on the calling thread, until it ends: TLS handshake, hello, admission, then
   * the agent's messages. Used for accepted connections and for connections the console dialed.
   *
   * @param operatorPinned the console dialed this agent and checked its key against the fingerprint
   *     the operator gave
   */
  void serve(Socket socket, boolean operatorPinned) {
    session(socket, operatorPinned, false);
  }

  /**
   * One session; an accepted connection (a plain socket) is first wrapped in TLS through the
   * handshake gate, a dialed one arrives as a TLS socket in client mode.
   */
  private void session(Socket raw, boolean operatorPinned, boolean accepted) {
    String remote = String.valueOf(raw.getRemoteSocketAddress());
    AgentConnection connection = null;
    // The TLS handshake and hello must finish within the deadline, however slowly bytes trickle.
    ScheduledFuture<?> deadline =
        timers.schedule(() -> closeQuietly(raw), HANDSHAKE_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
    Socket socket = raw;
    boolean undecidedHere = accepted;
    try (raw) {
      raw.setTcpNoDelay(true);
      raw.setSoTimeout((int) HANDSHAKE_TIMEOUT_MILLIS);
      String fingerprint = "insecure";
      if (accepted && tls != null) {
        SSLSocket secured = acceptance.secure(raw, remote);
        if (secured == null) {
          return;
        }
        socket = secured;
      } else if (socket instanceof SSLSocket ssl) {
        TlsContexts.configure(ssl);
        ssl.startHandshake();
      }
      if (socket instanceof SSLSocket ssl) {
        var peer = TlsContexts.peerFingerprint(ssl.getSession());
        if (peer.isEmpty()) {
          // The handshake deadline closed the socket before the peer's certificate arrived.
          throw new SSLException("no client certificate by the handshake deadline");
        }
        fingerprint = peer.get().value();
      }
      // Asked when each frame's length arrives: admission may happen while the reader waits.
      AtomicReference<AgentConnection> admittedAs = new AtomicReference<>();
      FrameReader frames =
          new FrameReader(socket.getInputStream(), () -> frameLimit(admittedAs.get()));
      FrameWriter writer = new FrameWriter(socket.getOutputStream(), Protocol.MAX_FRAME_BYTES);
      try {
        connection = admission.hello(socket, fingerprint, frames, writer, operatorPinned);
        admittedAs.set(connection);
        if (undecidedHere) {
          undecidedHere = false;
          undecided.decrementAndGet();
        }
        deadline.cancel(false);
        if (connection != null) {
          socket.setSoTimeout(heartbeatSeconds * 3 * 1000);
          reader.readLoop(connection, frames);
        }
      } catch (ProtocolException e) {
        counters.refused.incrementAndGet();
        if (admittedAs.get() != null) {
          LOG.warn("Closed the session with {}: {}", remote, LogText.message(e));
        } else {
          long n = strangerErrors.count();
          if (n > 0) {
            LOG.warn(
                "Closed the session with {}: {} ({} session(s) not admitted closed for a protocol"
                    + " error since the last such line; at most one line per 10 s)",
                remote,
                LogText.message(e),
                n);
          }
        }
        trySend(writer, new ErrorMessage(e.code(), e.getMessage()));
      } catch (SocketTimeoutException e) {
        counters.silent.incrementAndGet();
        LOG.info("Closed the session with {}: silent for too long", remote);
        trySend(writer, new ErrorMessage(ErrorCode.TIMEOUT, "silent for too long"));
      }
    } catch (ConsoleStore.StoreException e) {
      // The store cannot take what this agent sent (disk full, read-only): nothing was
      // acknowledged, so the agent keeps it and sends it again when it reconnects.
      LOG.warn(
          "Closed the session with {}: {}; the agent keeps its unacknowledged alerts and sends"
              + " them again",
          remote,
          LogText.message(e));
    } catch (SSLException e) {
      counters.refused.incrementAndGet();
      if (refusedOurKey(e)) {
        LOG.warn(
            "The agent at {} refused this console's key ({}): it is pinned to another console."
                + " Give it this console's fingerprint (--console-fingerprint, or 'fingerprint' in"
                + " the text interface) or remove its console.pin",
            remote,
            LogText.message(e));
      } else {
        long n = failedHandshakes.count();
        if (n > 0) {
          LOG.info(
              "TLS handshake with {} failed: {} ({} failed since the last such line; at most one"
                  + " line per 10 s)",
              remote,
              LogText.message(e),
              n);
        }
      }
    } catch (EOFException e) {
      LOG.debug("{} closed its connection", remote);
    } catch (IOException e) {
      LOG.debug("Session with {} ended: {}", remote, LogText.message(e));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      if (undecidedHere) {
        undecided.decrementAndGet();
      }
      deadline.cancel(false);
      closeQuietly(socket);
      if (connection != null) {
        admission.closed(connection);
      }
    }
  }

  /**
   * Whether the peer ended the handshake because it does not trust this console's certificate: what
   * an agent pinned to another console's key does (a TLS alert, with no more said).
   */
  static boolean refusedOurKey(SSLException e) {
    String m = String.valueOf(e.getMessage());
    return m.contains("Received fatal alert: certificate_unknown")
        || m.contains("Received fatal alert: bad_certificate");
  }

  static void trySend(FrameWriter writer, Message message) {
    try {
      writer.writeMessage(message);
    } catch (IOException e) {
      // The peer is gone already; the close that follows is all that is left to do.
    }
  }

  static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException e) {
      // Nothing left to do with a socket that will not close.
    }
  }

  @Override
  public void close() {
    closeQuietly(server);
    connections().forEach(AgentConnection::close);
  }

  private static void closeQuietly(ServerSocket socket) {
    try {
      socket.close();
    } catch (IOException e) {
      LOG.debug("closing the TCP listener", e);
    }
  }
}
