package dev.vigil.console.manager.api.wire;

/**
 * An export the manager has written for an attached console to fetch in chunks (docs/protocol.md,
 * 7.3.1): the answer to {@code exportAlerts} and {@code exportHistory}. Immutable.
 *
 * @param transfer the session's number for this export, named by the chunk calls
 * @param bytes the CSV file's length
 * @param rows the rows it holds, its header not counted
 * @param sha256 the file's SHA-256, lower-case hex, for the client to check before keeping it
 * @param chunkBytes the most bytes one {@code exportChunk} answer carries
 */
public record ExportTransfer(long transfer, long bytes, long rows, String sha256, int chunkBytes) {
  /** The most bytes of the file one chunk carries: 512 KiB, about 0.7 MiB of Base64 a frame. */
  public static final int CHUNK_BYTES = 512 * 1024;

  /**
   * One chunk of an export's file: the answer to {@code exportChunk}.
   *
   * @param offset where in the file {@code data} starts
   * @param data the bytes, Base64 (RFC 4648, with padding)
   * @param last whether the file ends with these bytes; the manager has let the export go then
   */
  public record Chunk(long offset, String data, boolean last) {}
}
