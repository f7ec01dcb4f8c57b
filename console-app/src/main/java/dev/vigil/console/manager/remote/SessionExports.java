package dev.vigil.console.manager.remote;

import com.google.gson.JsonElement;
import dev.vigil.common.LogText;
import dev.vigil.console.manager.api.Operator;
import dev.vigil.console.manager.api.OperatorApi;
import dev.vigil.console.manager.api.wire.ApiCall;
import dev.vigil.console.manager.api.wire.ExportTransfer;
import dev.vigil.console.manager.store.AuditWriter;
import dev.vigil.protocol.frame.ProtocolException;
import dev.vigil.protocol.message.ErrorCode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The exports of one operator session: the manager's own export writes the CSV to a spool file in
 * the data directory, and the console fetches it in chunks of at most {@link
 * ExportTransfer#CHUNK_BYTES}, so neither side holds more than a chunk in memory and the store is
 * locked only while the file is written, never while a slow console reads. One export at a time per
 * session; its spool file goes when the last chunk is read, when the console ends it, or with the
 * session. Thread-safe.
 */
final class SessionExports implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SessionExports.class);

  /** The data directory's folder for spool files; emptied at each start. */
  static final String DIRECTORY = "exports";

  private final OperatorApi api;
  private final AuditWriter audit;
  private final Path dir;
  private final AtomicBoolean busy = new AtomicBoolean();
  private final AtomicReference<Spool> current = new AtomicReference<>();
  private long numbers;
  private volatile boolean closed;
  private volatile boolean endAsked;

  SessionExports(OperatorApi api, AuditWriter audit, Path dir) {
    this.api = api;
    this.audit = audit;
    this.dir = dir;
  }

  /** Deletes the spool files a manager that stopped abruptly left; called once at start. */
  static void clearLeftovers(Path dir) {
    if (!Files.isDirectory(dir)) {
      return;
    }
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
      for (Path f : files) {
        Files.deleteIfExists(f);
      }
    } catch (IOException e) {
      LOG.warn("Could not empty {} of old export files: {}", dir, e.getMessage());
    }
  }

  /** One export call's value. */
  CompletableFuture<JsonElement> call(ApiCall call, Calls.Args a, Operator who)
      throws ProtocolException {
    Object value =
        switch (call) {
          case EXPORT_ALERTS ->
              start(who, call, "the alert history", f -> api.exportAlerts(who, f, true));
          case EXPORT_HISTORY -> {
            Instant from = a.value("from", Instant.class);
            Instant to = a.value("to", Instant.class);
            yield start(
                who,
                call,
                "metric history from " + from + " to " + to,
                f -> api.exportHistory(who, f, from, to, true));
          }
          case EXPORT_CHUNK ->
              chunk(a.value("transfer", Long.class), a.value("offset", Long.class));
          case EXPORT_END -> {
            Long transfer = a.optional("transfer", Long.class);
            if (transfer == null) {
              endAny();
            } else {
              end(transfer);
            }
            yield null;
          }
          default -> throw new IllegalStateException("'" + call.wireName() + "' is no export call");
        };
    return CompletableFuture.completedFuture(Calls.json(value));
  }

  private interface Writing {
    long write(Path file) throws IOException;
  }

  private ExportTransfer start(Operator who, ApiCall call, String what, Writing writing) {
    if (!busy.compareAndSet(false, true)) {
      throw new IllegalStateException(
          "An export is already under way for this console: one at a time; wait for it to"
              + " finish");
    }
    Path file = null;
    Spool spool = null;
    try {
      Files.createDirectories(dir);
      setOwnerOnly(dir);
      file = dir.resolve(UUID.randomUUID() + ".csv");
      endAsked = false;
      long rows = writing.write(file);
      spool = Spool.open(++numbers, file);
      // Published before the check, so an end asked for meanwhile finds it either way.
      current.set(spool);
      if (closed || endAsked) {
        throw new IllegalStateException("The console ended the export before it was ready");
      }
      audit.trust(
          who,
          call.wireName(),
          "",
          "",
          what + ": " + rows + " row(s), " + spool.size + " bytes, for the operator's machine");
      LOG.info("{} exports {}: {} row(s), {} bytes", who, what, rows, spool.size);
      return new ExportTransfer(
          spool.number, spool.size, rows, spool.sha256, ExportTransfer.CHUNK_BYTES);
    } catch (IOException | RuntimeException e) {
      if (spool != null) {
        end(spool.number);
      } else {
        deleteQuietly(file);
        busy.set(false);
      }
      if (e instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException("The manager could not write the export: " + e.getMessage());
    }
  }

  private ExportTransfer.Chunk chunk(long transfer, long offset) throws ProtocolException {
    Spool spool = spool(transfer);
    if (offset < 0 || offset > spool.size) {
      throw new ProtocolException(
          ErrorCode.MALFORMED_FRAME,
          "the offset " + offset + " is outside the export's " + spool.size + " bytes");
    }
    int length = (int) Math.min(ExportTransfer.CHUNK_BYTES, spool.size - offset);
    ByteBuffer buffer = ByteBuffer.allocate(length);
    try {
      while (buffer.hasRemaining()) {
        if (spool.channel.read(buffer, offset + buffer.position()) < 0) {
          throw new IOException("the file ended early");
        }
      }
    } catch (IOException e) {
      end(transfer);
      throw new IllegalStateException(
          "The manager could not read its export file: " + LogText.message(e));
    }
    boolean last = offset + length == spool.size;
    if (last) {
      end(transfer);
    }
    return new ExportTransfer.Chunk(
        offset, Base64.getEncoder().encodeToString(buffer.array()), last);
  }

  private Spool spool(long transfer) {
    Spool spool = current.get();
    if (spool == null || spool.number != transfer) {
      throw new IllegalArgumentException(
          "This console has no export " + transfer + " under way: start the export again");
    }
    return spool;
  }

  private void end(long transfer) {
    Spool spool = current.get();
    if (spool != null && spool.number == transfer && current.compareAndSet(spool, null)) {
      spool.close();
      busy.set(false);
    }
  }

  /** Ends the export under way, or the one being written once it is ready. */
  private void endAny() {
    endAsked = true;
    Spool spool = current.get();
    if (spool != null) {
      end(spool.number);
    }
  }

  /** The session ended: the export under way, if any, is let go. */
  @Override
  public void close() {
    closed = true;
    endAny();
  }

  private static void setOwnerOnly(Path dir) throws IOException {
    if (dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
    }
  }

  private static void deleteQuietly(Path file) {
    if (file == null) {
      return;
    }
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      LOG.warn("Could not delete the export file {}: {}", file, e.getMessage());
    }
  }

  /** A spooled export file, open for reading, and what the console checks it by. */
  private static final class Spool {
    final long number;
    final Path file;
    final FileChannel channel;
    final long size;
    final String sha256;

    private Spool(long number, Path file, FileChannel channel, long size, String sha256) {
      this.number = number;
      this.file = file;
      this.channel = channel;
      this.size = size;
      this.sha256 = sha256;
    }

    static Spool open(long number, Path file) throws IOException {
      FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
      try {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
        long size = 0;
        int n;
        while ((n = channel.read(buffer, size)) > 0) {
          buffer.flip();
          sha.update(buffer);
          buffer.clear();
          size += n;
        }
        return new Spool(number, file, channel, size, HexFormat.of().formatHex(sha.digest()));
      } catch (IOException | NoSuchAlgorithmException e) {
        channel.close();
        throw e instanceof IOException io ? io : new IOException(e.getMessage(), e);
      }
    }

    void close() {
      try {
        channel.close();
      } catch (IOException e) {
        // Closing a file only read from: nothing is lost.
      }
      deleteQuietly(file);
    }
  }
}
