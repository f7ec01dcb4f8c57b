package dev.vigil.common;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Where Vigil's programs keep their state (by default following the XDG base directories), and how
 * they write it: readable by the owner only, replaced atomically, never half-written.
 */
public final class DataDirectories {
  private DataDirectories() {}

  /** {@code $XDG_DATA_HOME/vigil/<program>}, or {@code ~/.local/share/vigil/<program>}. */
  public static Path defaultFor(String program) {
    String xdg = System.getenv("XDG_DATA_HOME");
    Path base =
        xdg != null && !xdg.isBlank()
            ? Path.of(xdg)
            : Path.of(System.getProperty("user.home"), ".local", "share");
    return base.resolve("vigil").resolve(program);
  }

  /**
   * Replaces {@code file} with {@code content}: written to a sibling owner-only temporary file,
   * forced to disk, then moved into place atomically.
   */
  public static void writePrivately(Path file, String content) throws IOException {
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.deleteIfExists(tmp);
    Files.createFile(tmp);
    if (Files.getFileStore(tmp).supportsFileAttributeView("posix")) {
      Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
    }
    try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
      ByteBuffer data = ByteBuffer.wrap(content.getBytes(StandardCharsets.UTF_8));
      while (data.hasRemaining()) {
        ch.write(data);
      }
      ch.force(true);
    }
    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }
}
