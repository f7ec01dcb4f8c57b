package dev.vigil.agent.outbox;

import dev.vigil.agent.alert.AlertSequence;
import dev.vigil.protocol.frame.MessageCodec;
import dev.vigil.protocol.frame.ProtocolException;
import dev.vigil.protocol.message.AgentMessage;
import dev.vigil.protocol.message.AlertReport;
import dev.vigil.protocol.message.CommandResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's durable queue of what it must not lose, alerts and command results: each is written
 * to disk (one file per entry, fsynced, moved into place atomically) before it is sent, and deleted
 * only when the console acknowledges its sequence. It survives agent restarts, crashes and console
 * downtime; entries are replayed in sequence order with their original timestamps. Bounded: past
 * the limit the oldest are dropped and counted. Thread-safe.
 */
public final class Outbox {
  private static final Logger LOG = LoggerFactory.getLogger(Outbox.class);
  private static final String SUFFIX = ".msg";

  private final Path dir;
  private final int maxEntries;
  private final AlertSequence sequence;
  private final TreeMap<Long, AgentMessage> pending = new TreeMap<>();
  private final ReentrantLock lock = new ReentrantLock();
  private long dropped;

  /**
   * Opens the outbox in {@code dataDir/outbox}, loading what an earlier run left.
   *
   * @throws IOException when the directory cannot be used, naming it
   */
  public Outbox(Path dataDir, int maxEntries) throws IOException {
    if (maxEntries < 1) {
      throw new IllegalArgumentException("the outbox must hold at least one entry");
    }
    this.dir = dataDir.resolve("outbox");
    this.maxEntries = maxEntries;
    this.sequence = new AlertSequence(dataDir);
    dev.vigil.common.DataDirectories.createPrivate(dir);
    load();
  }

  private void load() throws IOException {
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
      for (Path file : files) {
        String name = file.getFileName().toString();
        if (name.endsWith(".tmp")) {
          // A write that a crash interrupted before its atomic move: it was never sent.
          Files.deleteIfExists(file);
          continue;
        }
        if (!name.endsWith(SUFFIX)) {
          continue;
        }
        try {
          if (MessageCodec.decode(Files.readAllBytes(file)) instanceof AgentMessage message
              && sequenceOf(message) > 0) {
            pending.put(sequenceOf(message), message);
            continue;
          }
        } catch (ProtocolException e) {
          LOG.error("Outbox entry {} is damaged ({}); moving it aside", file, e.getMessage());
        }
        Files.move(
            file, file.resolveSibling(name + ".damaged"), StandardCopyOption.REPLACE_EXISTING);
      }
    }
    if (!pending.isEmpty()) {
      LOG.info(
          "The outbox holds {} message(s) not yet acknowledged by the console", pending.size());
    }
  }

  /** The sequence of the newest alert or command result ever stored, 0 before the first. */
  public long lastSequence() {
    return sequence.last();
  }

  /** The outbox sequence an alert or command result carries; 0 for other messages. */
  public static long sequenceOf(AgentMessage message) {
    return switch (message) {
      case AlertReport a -> a.sequence();
      case CommandResult r -> r.sequence();
      default -> 0;
    };
  }

  /**
   * Stores a new alert or command result under the next sequence number before anyone sends it.
   *
   * @param build makes the message for the sequence number it is given
   * @return the stored message
   */
  public <T extends AgentMessage> T append(LongFunction<T> build) {
    lock.lock();
    try {
      long seq = sequence.next();
      T message = build.apply(seq);
      if (sequenceOf(message) != seq) {
        throw new IllegalArgumentException("the message must carry the sequence it was given");
      }
      write(seq, message);
      pending.put(seq, message);
      while (pending.size() > maxEntries) {
        Map.Entry<Long, AgentMessage> oldest = pending.pollFirstEntry();
        Files.deleteIfExists(file(oldest.getKey()));
        dropped++;
        LOG.warn(
            "The outbox is full ({} entries): dropped entry {}, {} dropped since start",
            maxEntries,
            oldest.getKey(),
            dropped);
      }
      return message;
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot write the outbox in " + dir + ": " + e.getMessage(), e);
    } finally {
      lock.unlock();
    }
  }

  private void write(long seq, AgentMessage message) throws IOException {
    DurableFiles.write(file(seq), MessageCodec.encode(message));
  }

  /** The console has the entry: forget it. */
  public void acknowledge(long seq) {
    lock.lock();
    try {
      if (pending.remove(seq) != null) {
        Files.deleteIfExists(file(seq));
      }
    } catch (IOException e) {
      LOG.warn("Could not delete acknowledged outbox entry {}: {}", seq, e.getMessage());
    } finally {
      lock.unlock();
    }
  }

  /** Entries not yet acknowledged, oldest first. */
  public List<AgentMessage> pending() {
    lock.lock();
    try {
      return new ArrayList<>(pending.values());
    } finally {
      lock.unlock();
    }
  }

  /** Entries dropped because the outbox was full, since start. */
  public long dropped() {
    lock.lock();
    try {
      return dropped;
    } finally {
      lock.unlock();
    }
  }

  private Path file(long seq) {
    return dir.resolve(String.format("%020d%s", seq, SUFFIX));
  }
}
