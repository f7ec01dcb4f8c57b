package dev.vigil.console.attach;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.vigil.console.export.ExportFile;
import dev.vigil.console.manager.api.RefusedException;
import dev.vigil.console.manager.api.wire.ApiCall;
import dev.vigil.console.manager.api.wire.ExportTransfer;
import dev.vigil.console.manager.api.wire.OperatorWire;
import dev.vigil.protocol.frame.ProtocolException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.concurrent.TimeoutException;
import java.util.function.BiFunction;

/**
 * Fetches an export the manager wrote (docs/protocol.md, 7.3.1) chunk by chunk into a local file or
 * stream, checking each chunk's place and the whole file's SHA-256; a transfer cut off says how far
 * it came and leaves no file. Holds one chunk in memory at a time. Stateless.
 */
final class ExportDownload {
  private final BiFunction<ApiCall, JsonObject, JsonElement> calls;
  private final String manager;

  /**
   * @param calls makes one call and gives its value; a refusal or failure throws with the manager's
   *     sentence
   * @param manager the manager's name for sentences, HOST:PORT
   */
  ExportDownload(BiFunction<ApiCall, JsonObject, JsonElement> calls, String manager) {
    this.calls = calls;
    this.manager = manager;
  }

  /**
   * Writes the export to {@code file} by the local export's rules ({@link ExportFile}); returns its
   * rows.
   *
   * @throws IOException with a sentence: the file's rule that refused it, the manager's refusal, or
   *     how far a transfer came before it stopped
   */
  long toFile(ApiCall start, JsonObject args, Path file, boolean replace) throws IOException {
    try (ExportFile export = ExportFile.create(file, replace)) {
      long rows = into(start, args, export.output());
      export.commit();
      return rows;
    }
  }

  /** Writes the export's bytes, as the manager's file holds them, to {@code sink}; its rows. */
  long into(ApiCall start, JsonObject args, OutputStream sink) throws IOException {
    ExportTransfer t;
    try {
      t = decode(calls.apply(start, args), ExportTransfer.class);
    } catch (RefusedException e) {
      throw new IOException(e.getMessage(), e);
    } catch (IllegalStateException | IllegalArgumentException e) {
      if (e.getCause() instanceof TimeoutException) {
        // Still writing, perhaps: ask the manager to drop it when ready. A refusal or a second
        // export of this console ("one at a time") must not end the one under way.
        end(null);
      }
      throw new IOException(
          "the manager at " + manager + " could not export: " + sentence(e.getMessage()), e);
    }
    if (t == null || t.bytes() < 0 || t.sha256() == null) {
      throw new IOException("the manager at " + manager + " answered the export with nothing");
    }
    MessageDigest sha = sha256();
    long offset = 0;
    try {
      while (offset < t.bytes()) {
        JsonObject at = new JsonObject();
        at.addProperty("transfer", t.transfer());
        at.addProperty("offset", offset);
        ExportTransfer.Chunk chunk =
            decode(calls.apply(ApiCall.EXPORT_CHUNK, at), ExportTransfer.Chunk.class);
        byte[] data = chunk == null ? new byte[0] : Base64.getDecoder().decode(chunk.data());
        if (chunk == null
            || chunk.offset() != offset
            || data.length == 0
            || offset + data.length > t.bytes()) {
          throw new IOException("the manager sent a chunk that does not fit the file");
        }
        sink.write(data);
        sha.update(data);
        offset += data.length;
      }
    } catch (IOException | RuntimeException e) {
      end(t.transfer());
      throw new IOException(
          "the transfer from the manager at "
              + manager
              + " stopped after "
              + offset
              + " of "
              + t.bytes()
              + " bytes ("
              + sentence(e.getMessage())
              + "); no file was written",
          e);
    }
    if (!HexFormat.of().formatHex(sha.digest()).equals(t.sha256())) {
      throw new IOException(
          "the file from the manager at "
              + manager
              + " does not match its SHA-256; no file was written");
    }
    return t.rows();
  }

  /**
   * Lets the manager drop its spool file at once (null: whichever export is under way, even one it
   * is still writing); it does so anyway when the session ends.
   */
  private void end(Long transfer) {
    JsonObject args = new JsonObject();
    if (transfer != null) {
      args.addProperty("transfer", transfer);
    }
    try {
      calls.apply(ApiCall.EXPORT_END, args);
    } catch (RuntimeException gone) {
      // The session is gone, and the manager let the export go with it.
    }
  }

  private static <T> T decode(JsonElement json, Class<T> type) throws IOException {
    if (json == null || json.isJsonNull()) {
      return null;
    }
    try {
      return OperatorWire.value(json, type, "export answer");
    } catch (ProtocolException e) {
      throw new IOException("the manager's answer could not be read: " + e.getMessage(), e);
    }
  }

  private static String sentence(String message) {
    String m = String.valueOf(message).strip();
    return m.endsWith(".") ? m.substring(0, m.length() - 1) : m;
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("this Java has no SHA-256", e);
    }
  }
}
