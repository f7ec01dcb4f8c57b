package dev.vigil.console.manager;

import dev.vigil.protocol.FrameWriter;
import dev.vigil.protocol.Message;
import java.io.IOException;
import java.net.Socket;
import java.util.UUID;

/** One agent's open session on the console side. Thread-safe for sending. */
final class AgentConnection {
  private final UUID agentId;
  private final String hostname;
  private final Socket socket;
  private final FrameWriter writer;
  private final byte[] alertKey;
  private volatile long lastSentNanos = System.nanoTime();

  AgentConnection(
      UUID agentId, String hostname, Socket socket, FrameWriter writer, byte[] alertKey) {
    this.agentId = agentId;
    this.hostname = hostname;
    this.socket = socket;
    this.writer = writer;
    this.alertKey = alertKey;
  }

  void send(Message message) throws IOException {
    writer.writeMessage(message);
    lastSentNanos = System.nanoTime();
  }

  long idleNanos() {
    return System.nanoTime() - lastSentNanos;
  }

  UUID agentId() {
    return agentId;
  }

  String hostname() {
    return hostname;
  }

  byte[] alertKey() {
    return alertKey;
  }

  void close() {
    try {
      socket.close();
    } catch (IOException e) {
      // Closing a socket that failed already: nothing to report.
    }
  }
}
