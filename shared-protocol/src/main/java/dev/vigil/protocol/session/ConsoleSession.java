package dev.vigil.protocol.session;

import dev.vigil.protocol.Protocol;
import dev.vigil.protocol.datagram.AlertDatagram;
import dev.vigil.protocol.frame.FrameWriter;
import dev.vigil.protocol.message.AlertReport;
import dev.vigil.protocol.message.Heartbeat;
import dev.vigil.protocol.message.Message;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One open session with the console, as an agent sees it: frames over TCP, and alerts as datagrams
 * sealed with the key the console handed over in its welcome. Thread-safe: frames never interleave
 * and each datagram gets its own counter.
 */
public final class ConsoleSession {
  private final UUID agentId;
  private final FrameWriter writer;
  private final Closeable connection;
  private final SocketAddress remote;
  private final int protocolVersion;
  private final byte[] alertKey;
  private final InetSocketAddress alertTarget;
  private final DatagramSocket udp;
  private final AtomicLong datagramCounter = new AtomicLong();
  private volatile long lastSentNanos = System.nanoTime();
  private final int heartbeatSeconds;
  private final String consoleFingerprint;

  ConsoleSession(
      UUID agentId,
      FrameWriter writer,
      Closeable connection,
      SocketAddress remote,
      int protocolVersion,
      byte[] alertKey,
      InetSocketAddress alertTarget,
      DatagramSocket udp,
      int heartbeatSeconds,
      String consoleFingerprint) {
    this.agentId = agentId;
    this.writer = writer;
    this.connection = connection;
    this.remote = remote;
    this.protocolVersion = protocolVersion;
    this.alertKey = alertKey;
    this.alertTarget = alertTarget;
    this.udp = udp;
    this.heartbeatSeconds = heartbeatSeconds;
    this.consoleFingerprint = consoleFingerprint;
  }

  /**
   * A session that writes its frames to a bare stream and sends no datagrams, as an insecure
   * session would; for tests of what a handler writes.
   */
  public static ConsoleSession overStream(UUID agentId, OutputStream out, int heartbeatSeconds) {
    return new ConsoleSession(
        agentId,
        new FrameWriter(out, Protocol.MAX_FRAME_BYTES),
        out,
        null,
        Protocol.VERSION,
        null,
        null,
        null,
        heartbeatSeconds,
        "insecure");
  }

  /** Sends one message over TCP. */
  public void send(Message message) throws IOException {
    writer.writeMessage(message);
    lastSentNanos = System.nanoTime();
  }

  /**
   * Sends an alert on the fast path, a sealed datagram; losing it is fine since it also travels
   * over TCP.
   *
   * @return false when the console takes no datagrams (its welcome gave no alert port)
   */
  public boolean sendDatagram(AlertReport alert) throws IOException {
    if (alertTarget == null) {
      return false;
    }
    byte[] data = AlertDatagram.seal(agentId, datagramCounter.incrementAndGet(), alertKey, alert);
    udp.send(new DatagramPacket(data, data.length, alertTarget));
    return true;
  }

  /**
   * Proves life when nothing else was sent for a heartbeat interval: call it at least every {@link
   * #heartbeatDueNanos()}; the console drops a session silent for three intervals.
   *
   * @return whether a heartbeat went out
   */
  public boolean heartbeatIfIdle() throws IOException {
    if (idleNanos() < TimeUnit.SECONDS.toNanos(heartbeatSeconds)) {
      return false;
    }
    send(new Heartbeat(System.currentTimeMillis()));
    return true;
  }

  /** The {@link System#nanoTime()} at which this side will owe the console a heartbeat. */
  public long heartbeatDueNanos() {
    return lastSentNanos + TimeUnit.SECONDS.toNanos(heartbeatSeconds);
  }

  /** Nanos since this side last sent a frame. */
  public long idleNanos() {
    return System.nanoTime() - lastSentNanos;
  }

  /** The key of the console on the other end, or {@code insecure}. */
  public String consoleFingerprint() {
    return consoleFingerprint;
  }

  /** How often each side sends at least one frame, as the console's welcome set it. */
  public int heartbeatSeconds() {
    return heartbeatSeconds;
  }

  /** The console's address, or null for a session over a bare stream. */
  public SocketAddress remoteAddress() {
    return remote;
  }

  /** The protocol version the console's welcome named. */
  public int protocolVersion() {
    return protocolVersion;
  }

  /** Ends the session: the client's read loop sees the connection close and reports it. */
  public void close() {
    try {
      connection.close();
    } catch (IOException e) {
      // closing a broken connection: nothing left to do
    }
  }
}
