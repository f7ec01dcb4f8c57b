package dev.vigil.agent.outbox;

import dev.vigil.common.DataDirectories;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Writes a file so that a crash leaves either the old file or the whole new one: the bytes go to a
 * {@code .tmp} sibling (owner-only), are forced to disk, the sibling is moved into place atomically
 * and the directory is forced too ({@link DataDirectories#writeDurably}). Readers delete {@code
 * .tmp} files they find: a write a crash interrupted was never complete. Stateless.
 */
public final class DurableFiles {
  private DurableFiles() {}

  /** Writes {@code data} to {@code target}, durably, replacing what was there. */
  public static void write(Path target, byte[] data) throws IOException {
    DataDirectories.writeDurably(target, data);
  }
}
