package dev.vigil.agent.outbox;

import dev.vigil.protocol.message.AgentMessage;
import dev.vigil.protocol.session.ConsoleSession;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongFunction;

/**
 * The outbox and the open session, changed under one lock: an entry is either in the snapshot a new
 * session re-sends, or written after that session was published and so sent live by its writer.
 * Without this, an alert raised while a session opened was in neither, and waited in the outbox
 * until the next reconnect (found by ConsoleKillTest, about one run in five). Thread-safe.
 */
public final class OutboxHandover {
  /**
   * An outbox entry and the session that was open when it was written.
   *
   * @param session the session to send it on now, or null: the next session re-sends it
   */
  public record Stored<T extends AgentMessage>(T message, ConsoleSession session) {}

  private final Outbox outbox;
  private final ReentrantLock lock = new ReentrantLock();
  private volatile ConsoleSession session;

  public OutboxHandover(Outbox outbox) {
    this.outbox = outbox;
  }

  /** Writes to the outbox and reads the open session as one step against {@link #open}. */
  public <T extends AgentMessage> Stored<T> append(LongFunction<T> build) {
    lock.lock();
    try {
      return new Stored<>(outbox.append(build), session);
    } finally {
      lock.unlock();
    }
  }

  /** Publishes a new session; returns what it must re-send first, oldest first. */
  public List<AgentMessage> open(ConsoleSession opened) {
    lock.lock();
    try {
      List<AgentMessage> pending = outbox.pending();
      session = opened;
      return pending;
    } finally {
      lock.unlock();
    }
  }

  /** The session ended: what is written from now on waits for the next one. */
  public void closed() {
    session = null;
  }

  /** The open session, or null. */
  public ConsoleSession session() {
    return session;
  }

  /** The outbox itself, for acknowledgements and reading. */
  public Outbox outbox() {
    return outbox;
  }
}
