package dev.vigil.console.manager.transport;

import dev.vigil.protocol.frame.FrameWriter;
import dev.vigil.protocol.frame.MessageCodec;
import dev.vigil.protocol.message.Hello;
import dev.vigil.protocol.message.Message;
import java.io.IOException;
import java.net.Socket;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One agent's open session on the console side, admitted or waiting for approval. Sending never
 * blocks: frames go into a bounded queue drained by a writer thread that exists only while there is
 * something to write, and an agent that stops reading until the queue is full has its session
 * closed, so it cannot hold memory or threads hostage. Thread-safe; admission happens once,
 * possibly on another thread than the reader.
 */
public final class AgentConnection {
  private final Hello hello;
  private final UUID agentId;
  private final String fingerprint;
  private final Socket socket;
  private final FrameWriter writer;
  private volatile byte[] alertKey;
  private volatile long lastSentNanos = System.nanoTime();
  // A linked queue and a writer started on demand: an idle session holds no array of slots and no
  // parked thread (about 3 KB each at 10,000 sessions; docs/performance.md).
  private final ConcurrentLinkedQueue<byte[]> outgoing = new ConcurrentLinkedQueue<>();
  private final AtomicInteger queued = new AtomicInteger();
  private final AtomicBoolean writing = new AtomicBoolean();
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
  }

  /**
   * Queues a message for the agent.
   *
   * @throws IOException when the session is closed, or the agent has stopped reading (the session
   *     is then closed)
   */
  public void send(Message message) throws IOException {
    if (closed) {
      throw new IOException("the session with " + hostname() + " is closed");
    }
    if (!enqueue(MessageCodec.encode(message))) {
      close();
      throw new IOException(hostname() + " stopped reading; its session was closed");
    }
    lastSentNanos = System.nanoTime();
  }

  /** Queues a last message; the session closes once it is written. */
  void sendAndClose(Message message) {
    if (closed || !enqueue(MessageCodec.encode(message)) || !enqueue(CLOSE)) {
      close();
    }
  }

  /** Queues a frame and starts a writer if none runs; false when the queue is full. */
  private boolean enqueue(byte[] frame) {
    if (queued.incrementAndGet() > QUEUE_FRAMES) {
      queued.decrementAndGet();
      return false;
    }
    outgoing.add(frame);
    if (writing.compareAndSet(false, true)) {
      Thread.ofVirtual().name("vigil-session-writer").start(this::drain);
    }
    return true;
  }

  /** Writes until the queue is empty, then ends; one runs at a time. */
  private void drain() {
    try {
      while (true) {
        for (byte[] frame; (frame = outgoing.poll()) != null; ) {
          queued.decrementAndGet();
          if (frame == CLOSE) {
            close();
            return;
          }
          if (closed) {
            return;
          }
          writer.writeFrame(frame);
        }
        writing.set(false);
        // A frame queued between the last poll and clearing the flag found a writer still
        // running and started none: take it on, unless a new writer already has.
        if (outgoing.isEmpty() || !writing.compareAndSet(false, true)) {
          return;
        }
      }
    } catch (IOException e) {
      writing.set(false);
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

  public long idleNanos() {
    return System.nanoTime() - lastSentNanos;
  }

  Hello hello() {
    return hello;
  }

  /** The agent id this session's hello claimed, admitted under its key. */
  public UUID agentId() {
    return agentId;
  }

  public String hostname() {
    return hello.hostname();
  }

  /** The key fingerprint this session authenticated with ("insecure" without TLS). */
  public String fingerprint() {
    return fingerprint;
  }

  String address() {
    return socket.getInetAddress().getHostAddress();
  }

  byte[] alertKey() {
    return alertKey;
  }

  public void close() {
    closed = true;
    try {
      socket.close();
    } catch (IOException e) {
      // Closing a socket that failed already: nothing to report.
    }
  }
}
