package dev.vigil.agent.link;

import dev.vigil.protocol.datagram.AlertDatagram;
import dev.vigil.protocol.frame.FrameWriter;
import dev.vigil.protocol.message.AlertReport;
import dev.vigil.protocol.message.Message;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One open session with the console: the frame writer and the alert key it handed over.
 * Thread-safe: frames never interleave and each datagram gets its own counter.
 */
public final class ConsoleSession {
  private final UUID agentId;
  private final FrameWriter writer;
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
      byte[] alertKey,
      InetSocketAddress alertTarget,
      DatagramSocket udp,
      int heartbeatSeconds,
      String consoleFingerprint) {
    this.consoleFingerprint = consoleFingerprint;
    this.agentId = agentId;
    this.writer = writer;
    this.alertKey = alertKey;
    this.alertTarget = alertTarget;
    this.udp = udp;
    this.heartbeatSeconds = heartbeatSeconds;
  }

  /** Sends one message over TCP. */
  public void send(Message message) throws IOException {
    writer.writeMessage(message);
    lastSentNanos = System.nanoTime();
  }

  /**
   * Sends an alert on the fast path, a sealed datagram; losing it is fine since it also travels
   * over TCP.
   */
  public void sendDatagram(AlertReport alert) throws IOException {
    if (alertTarget == null) {
      return;
    }
    byte[] data = AlertDatagram.seal(agentId, datagramCounter.incrementAndGet(), alertKey, alert);
    udp.send(new DatagramPacket(data, data.length, alertTarget));
  }

  /** Nanos since this side last sent a frame. */
  public long idleNanos() {
    return System.nanoTime() - lastSentNanos;
  }

  /** The key of the console on the other end, or {@code insecure}. */
  public String consoleFingerprint() {
    return consoleFingerprint;
  }

  public int heartbeatSeconds() {
    return heartbeatSeconds;
  }
}
