package dev.vigil.console.manager;

import dev.vigil.protocol.FrameWriter;
import dev.vigil.protocol.Hello;
import dev.vigil.protocol.Message;
import dev.vigil.protocol.MessageCodec;
import java.io.IOException;
import java.net.Socket;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;

/**
 * One agent's open session on the console side, admitted or waiting for approval. Sending never
 * blocks: frames go into a bounded queue drained by the session's own writer thread, and an agent
 * that stops reading until the queue is full has its session closed, so it cannot hold memory or
 * threads hostage. Thread-safe; admission happens once, possibly on another thread than the reader.
 */
final class AgentConnection {
  private final Hello hello;
  private final UUID agentId;
  private final String fingerprint;
  private final Socket socket;
  private final FrameWriter writer;
  private volatile byte[] alertKey;
  private volatile long lastSentNanos = System.nanoTime();
  private final ArrayBlockingQueue<byte[]> outgoing = new ArrayBlockingQueue<>(QUEUE_FRAMES);
  private final Thread writerThread;
  private volatile boolean closed;

  private static final byte[] CLOSE = new byte[0];

  /** Frames waiting for a slow agent before its session is closed. */
  static final int QUEUE_FRAMES = 256;

  AgentConnection(Hello hello, String fingerprint, Socket socket, FrameWriter writer) {
    this.hello = hello;
    this.agentId = UUID.fromString(hello.agentId());
    this.fingerprint = fingerprint;
    this.socket = socket;
    this.writer = writer;
    this.writerThread = Thread.ofVirtual().name("vigil-session-writer").start(this::drain);
  }

  /**
   * Queues a message for the agent.
   *
   * @throws IOException when the session is closed, or the agent has stopped reading (the session
   *     is then closed)
   */
  void send(Message message) throws IOException {
    if (closed) {
      throw new IOException("the session with " + hostname() + " is closed");
    }
    if (!outgoing.offer(MessageCodec.encode(message))) {
      close();
      throw new IOException(hostname() + " stopped reading; its session was closed");
    }
    lastSentNanos = System.nanoTime();
  }

  /** Queues a last message; the session closes once it is written. */
  void sendAndClose(Message message) {
    if (closed || !outgoing.offer(MessageCodec.encode(message)) || !outgoing.offer(CLOSE)) {
      close();
    }
  }

  private void drain() {
    try {
      while (!closed) {
        byte[] frame = outgoing.take();
        if (frame == CLOSE) {
          close();
          return;
        }
        writer.writeFrame(frame);
      }
    } catch (InterruptedException e) {
      // closing
    } catch (IOException e) {
      close();
    }
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
    closed = true;
    writerThread.interrupt();
    try {
      socket.close();
    } catch (IOException e) {
      // Closing a socket that failed already: nothing to report.
    }
  }
}
