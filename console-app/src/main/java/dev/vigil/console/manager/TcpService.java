package dev.vigil.console.manager;

import dev.vigil.protocol.AlertAck;
import dev.vigil.protocol.AlertDatagram;
import dev.vigil.protocol.AlertReport;
import dev.vigil.protocol.CommandResult;
import dev.vigil.protocol.ErrorCode;
import dev.vigil.protocol.ErrorMessage;
import dev.vigil.protocol.FrameReader;
import dev.vigil.protocol.FrameWriter;
import dev.vigil.protocol.Heartbeat;
import dev.vigil.protocol.Hello;
import dev.vigil.protocol.Message;
import dev.vigil.protocol.Protocol;
import dev.vigil.protocol.ProtocolException;
import dev.vigil.protocol.StatsReport;
import dev.vigil.protocol.Welcome;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Collection;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Accepts agents' TCP sessions, one virtual thread each. A session that sends anything the protocol
 * does not allow gets an error and is closed; the listener and every other session carry on.
 */
final class TcpService implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(TcpService.class);
  private static final int HANDSHAKE_TIMEOUT_MILLIS = 10_000;

  private final ServerSocket server;
  private final ManagerConfig config;
  private final String consoleId;
  private final AgentRegistry registry;
  private final AlertService alerts;
  private final UdpAlertService udp;
  private final CommandService[] commands = new CommandService[1];
  private final Map<String, AgentConnection> connections = new ConcurrentHashMap<>();
  private final SecureRandom random = new SecureRandom();
  private final AtomicLong refusedSessions = new AtomicLong();
  private final Thread acceptor;

  TcpService(
      InetSocketAddress bind,
      ManagerConfig config,
      String consoleId,
      AgentRegistry registry,
      AlertService alerts,
      UdpAlertService udp)
      throws IOException {
    this.server = new ServerSocket();
    server.setReuseAddress(true);
    server.bind(bind, 512);
    this.config = config;
    this.consoleId = consoleId;
    this.registry = registry;
    this.alerts = alerts;
    this.udp = udp;
    this.acceptor =
        Thread.ofPlatform().name("vigil-tcp-acceptor").daemon().unstarted(this::acceptLoop);
  }

  void start(CommandService commandService) {
    commands[0] = commandService;
    acceptor.start();
  }

  InetSocketAddress address() {
    return (InetSocketAddress) server.getLocalSocketAddress();
  }

  AgentConnection connection(String agentId) {
    return connections.get(agentId);
  }

  Collection<AgentConnection> connections() {
    return connections.values();
  }

  long refusedSessions() {
    return refusedSessions.get();
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      try {
        Socket socket = server.accept();
        Thread.ofVirtual().name("vigil-agent-session").start(() -> serve(socket));
      } catch (IOException e) {
        if (!server.isClosed()) {
          LOG.warn("Accepting an agent connection failed: {}", e.getMessage());
        }
      }
    }
  }

  private void serve(Socket socket) {
    String remote = socket.getRemoteSocketAddress().toString();
    AgentConnection connection = null;
    try (socket) {
      socket.setTcpNoDelay(true);
      socket.setSoTimeout(HANDSHAKE_TIMEOUT_MILLIS);
      FrameReader reader = new FrameReader(socket.getInputStream(), Protocol.MAX_FRAME_BYTES);
      FrameWriter writer = new FrameWriter(socket.getOutputStream(), Protocol.MAX_FRAME_BYTES);
      try {
        connection = handshake(socket, reader, writer);
        socket.setSoTimeout(config.heartbeatSeconds() * 3 * 1000);
        readLoop(connection, reader);
      } catch (ProtocolException e) {
        refusedSessions.incrementAndGet();
        LOG.warn("Closed the session with {}: {}", remote, e.getMessage());
        trySend(writer, new ErrorMessage(e.code(), e.getMessage()));
      } catch (SocketTimeoutException e) {
        LOG.info("Closed the session with {}: silent for too long", remote);
        trySend(writer, new ErrorMessage(ErrorCode.TIMEOUT, "silent for too long"));
      }
    } catch (EOFException e) {
      LOG.debug("{} closed its connection", remote);
    } catch (IOException e) {
      LOG.debug("Session with {} ended: {}", remote, e.getMessage());
    } finally {
      if (connection != null) {
        closed(connection);
      }
    }
  }

  private AgentConnection handshake(Socket socket, FrameReader reader, FrameWriter writer)
      throws IOException {
    Message first = reader.readMessage();
    if (!(first instanceof Hello hello)) {
      throw new ProtocolException(
          ErrorCode.UNEXPECTED_MESSAGE,
          "the first message must be hello, not " + first.getClass().getSimpleName());
    }
    if (hello.protocolVersion() < Protocol.VERSION) {
      throw new ProtocolException(
          ErrorCode.UNSUPPORTED_VERSION,
          "protocol version "
              + hello.protocolVersion()
              + " is not supported; this console speaks "
              + Protocol.VERSION);
    }
    byte[] key = new byte[AlertDatagram.KEY_BYTES];
    random.nextBytes(key);
    UUID agentId = UUID.fromString(hello.agentId());
    AgentConnection connection =
        new AgentConnection(agentId, hello.hostname(), socket, writer, key);
    udp.addKey(agentId, hello.hostname(), key);
    connection.send(
        new Welcome(
            Protocol.VERSION,
            consoleId,
            config.heartbeatSeconds(),
            udp.address().getPort(),
            Base64.getEncoder().encodeToString(key)));
    AgentConnection previous = connections.put(hello.agentId(), connection);
    if (previous != null) {
      LOG.info("{} reconnected; closing its previous session", hello.hostname());
      previous.close();
    }
    registry.connected(hello, socket.getInetAddress().getHostAddress(), System.currentTimeMillis());
    LOG.info(
        "Agent {} ({}) connected from {}",
        hello.hostname(),
        hello.agentId(),
        socket.getRemoteSocketAddress());
    return connection;
  }

  private void readLoop(AgentConnection connection, FrameReader reader) throws IOException {
    String agentId = connection.agentId().toString();
    while (true) {
      Message message = reader.readMessage();
      switch (message) {
        case StatsReport stats -> registry.stats(agentId, stats, System.currentTimeMillis());
        case AlertReport alert -> {
          alerts.ingest(agentId, connection.hostname(), alert, AlertEvent.Channel.TCP);
          connection.send(new AlertAck(alert.sequence()));
        }
        case CommandResult result -> commands[0].resultReceived(result);
        case Heartbeat h -> {
          // Arrival reset the read timeout.
        }
        case ErrorMessage err ->
            LOG.warn(
                "{} reported an error: {}: {}", connection.hostname(), err.code(), err.detail());
        default ->
            throw new ProtocolException(
                ErrorCode.UNEXPECTED_MESSAGE,
                "agents may not send "
                    + message.getClass().getSimpleName()
                    + " after the handshake");
      }
    }
  }

  private void closed(AgentConnection connection) {
    String agentId = connection.agentId().toString();
    if (connections.remove(agentId, connection)) {
      udp.removeKey(connection.agentId(), connection.alertKey());
      registry.status(agentId, AgentStatus.OFFLINE);
      LOG.info("Agent {} disconnected", connection.hostname());
    }
  }

  private static void trySend(FrameWriter writer, Message message) {
    try {
      writer.writeMessage(message);
    } catch (IOException e) {
      // The peer is gone already; the close that follows is all that is left to do.
    }
  }

  @Override
  public void close() {
    try {
      server.close();
    } catch (IOException e) {
      LOG.debug("closing the TCP listener", e);
    }
    connections.values().forEach(AgentConnection::close);
  }
}
