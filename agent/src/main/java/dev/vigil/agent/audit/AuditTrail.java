package dev.vigil.agent.audit;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import dev.vigil.common.HashChain;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The agent's audit log, {@code audit.log} in the data directory: one JSON object a line, each
 * forced to disk before {@link #append} returns, each ending in a {@code hash} that chains it to
 * the line before ({@link HashChain} over the line's text without its hash). Past a size the file
 * is rotated to {@code audit.log.1}; the new file starts with an {@code anchor} line carrying the
 * last hash of the old one, so the chain stays checkable ({@link AuditCheck}). Thread-safe.
 */
public final class AuditTrail implements AutoCloseable {
  /** The audit log's file name in the data directory. */
  public static final String FILE = "audit.log";

  /** The previous generation's file name, after a rotation. */
  public static final String ROTATED = FILE + ".1";

  /** An audit log written before lines were chained, moved aside on the first open. */
  static final String UNCHAINED = FILE + ".before-chain";

  /** The size past which the file is rotated, unless said otherwise: 10 MiB. */
  public static final long DEFAULT_MAX_BYTES = 10L * 1024 * 1024;

  static final Gson GSON = new GsonBuilder().disableHtmlEscaping().create();
  static final String HASH_KEY = ",\"hash\":\"";

  private final Path dir;
  private final Path file;
  private final long maxBytes;
  private final ReentrantLock lock = new ReentrantLock();
  private FileChannel channel;
  private String lastHash;
  private long lastSeq;

  /**
   * Opens the audit log of a data directory, continuing its chain. A log from before the chain is
   * moved to {@code audit.log.before-chain}, kept as it was.
   *
   * @param maxBytes the size past which the file is rotated
   */
  public AuditTrail(Path dir, long maxBytes) throws IOException {
    this.dir = dir;
    this.file = dir.resolve(FILE);
    this.maxBytes = maxBytes;
    Path next = dir.resolve(FILE + ".new");
    if (Files.exists(next) && !Files.exists(file)) {
      // A rotation stopped between its two moves: finish it.
      Files.move(next, file, StandardCopyOption.ATOMIC_MOVE);
    }
    Files.deleteIfExists(next);
    AuditCheck.Tail tail = AuditCheck.tail(file);
    if (tail.unchained()) {
      Files.move(file, dir.resolve(UNCHAINED), StandardCopyOption.REPLACE_EXISTING);
      tail = AuditCheck.tail(file);
    }
    lastHash = tail.hash();
    lastSeq = tail.seq();
    boolean created = !Files.exists(file);
    channel = open(file);
    if (created) {
      syncDirectory(dir);
    }
  }

  /** The audit log of a data directory, rotated past 10 MiB. */
  public AuditTrail(Path dir) throws IOException {
    this(dir, DEFAULT_MAX_BYTES);
  }

  /**
   * Appends one entry, numbered and timed here, and forces it to disk before returning.
   *
   * @param phase what the line records: intent (before a command runs), outcome, refused, malformed
   * @param fields the entry's fields, in order; never a secret
   * @throws IOException when the line could not be written durably
   */
  public void append(String phase, Map<String, Object> fields) throws IOException {
    lock.lock();
    try {
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("seq", lastSeq + 1);
      entry.put("time", Instant.now().toString());
      entry.put("phase", phase);
      entry.putAll(fields);
      String body = GSON.toJson(entry);
      if (channel.size() > 0 && channel.size() + body.length() + 80 > maxBytes) {
        rotate();
        entry.put("seq", lastSeq + 1);
        body = GSON.toJson(entry);
      }
      write(body);
    } finally {
      lock.unlock();
    }
  }

  private void write(String body) throws IOException {
    String hash = HashChain.next(lastHash, body);
    String line = body.substring(0, body.length() - 1) + HASH_KEY + hash + "\"}\n";
    ByteBuffer bytes = ByteBuffer.wrap(line.getBytes(StandardCharsets.UTF_8));
    while (bytes.hasRemaining()) {
      channel.write(bytes);
    }
    channel.force(false);
    lastHash = hash;
    lastSeq++;
  }

  /**
   * Starts a new file whose first line anchors it to the old one's last hash, then keeps the old
   * one as {@code audit.log.1} (replacing the one before): the new file is complete on disk before
   * either move, and a crash between the moves is finished on the next open.
   */
  private void rotate() throws IOException {
    Path next = dir.resolve(FILE + ".new");
    channel.close();
    channel = open(next);
    Map<String, Object> anchor = new LinkedHashMap<>();
    anchor.put("seq", lastSeq + 1);
    anchor.put("time", Instant.now().toString());
    anchor.put("phase", "anchor");
    anchor.put("prev", lastHash);
    anchor.put("rotated", ROTATED);
    write(GSON.toJson(anchor));
    Files.move(
        file,
        dir.resolve(ROTATED),
        StandardCopyOption.ATOMIC_MOVE,
        StandardCopyOption.REPLACE_EXISTING);
    Files.move(next, file, StandardCopyOption.ATOMIC_MOVE);
    syncDirectory(dir);
  }

  private static FileChannel open(Path path) throws IOException {
    return FileChannel.open(
        path, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
  }

  /** Forces a directory's entries (a rename, a new file) to disk, where the platform can. */
  static void syncDirectory(Path dir) {
    try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
      d.force(true);
    } catch (IOException e) {
      // Some platforms cannot open a directory; the rename itself is atomic there.
    }
  }

  /** The lines written since this trail opened and before, as checked now. */
  public AuditCheck verify() throws IOException {
    lock.lock();
    try {
      return AuditCheck.of(dir);
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void close() throws IOException {
    lock.lock();
    try {
      channel.close();
    } finally {
      lock.unlock();
    }
  }
}
