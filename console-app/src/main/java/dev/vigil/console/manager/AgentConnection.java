package dev.vigil.console.manager;

import dev.vigil.protocol.FrameWriter;
import dev.vigil.protocol.Hello;
import dev.vigil.protocol.Message;
import java.io.IOException;
import java.net.Socket;
import java.util.UUID;

/**
 * One agent's open session on the console side, admitted or waiting for approval. Thread-safe for
 * sending; admission happens once, possibly on another thread than the session's reader.
 */
final class AgentConnection {
  private final Hello hello;
  private final UUID agentId;
  private final String fingerprint;
  private final Socket socket;
  private final FrameWriter writer;
  private volatile byte[] alertKey;
  private volatile long lastSentNanos = System.nanoTime();

  AgentConnection(Hello hello, String fingerprint, Socket socket, FrameWriter writer) {
    this.hello = hello;
    this.agentId = UUID.fromString(hello.agentId());
    this.fingerprint = fingerprint;
    this.socket = socket;
    this.writer = writer;
  }

  void send(Message message) throws IOException {
    writer.writeMessage(message);
    lastSentNanos = System.nanoTime();
  }

  /** Marks the session admitted with its alert key; data from it is accepted from now on. */
  void admit(byte[] key) {
    this.alertKey = key;
  }

  boolean admitted() {
    return alertKey != null;
  }

  long idleNanos() {
    return System.nanoTime() - lastSentNanos;
  }

  Hello hello() {
    return hello;
  }

  UUID agentId() {
    return agentId;
  }

  String hostname() {
    return hello.hostname();
  }

  String fingerprint() {
    return fingerprint;
  }

  String address() {
    return socket.getInetAddress().getHostAddress();
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
