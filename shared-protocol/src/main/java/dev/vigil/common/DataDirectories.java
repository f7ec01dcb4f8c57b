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
   * Creates {@code dir} (and its parents) readable by its owner only, or, when it exists, checks
   * that no one else may write it.
   *
   * @throws UnsafePermissionsException when others may write an existing directory, with the fix
   */
  public static Path createPrivate(Path dir) throws IOException {
    if (Files.isDirectory(dir)) {
      FilePermissions.requirePrivateDirectory(dir);
      return dir;
    }
    Path parent = dir.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    if (Files.getFileStore(parent == null ? dir.toAbsolutePath().getRoot() : parent)
        .supportsFileAttributeView("posix")) {
      Files.createDirectory(
          dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    } else {
      Files.createDirectory(dir);
    }
    syncDirectory(parent);
    return dir;
  }

  /**
   * Replaces {@code file} with {@code content}: written to a sibling owner-only temporary file,
   * forced to disk, moved into place atomically, and the directory entry forced to disk too.
   */
  public static void writePrivately(Path file, String content) throws IOException {
    writeDurably(file, content.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Replaces {@code file} with {@code data} so that a crash leaves the old file or the whole new
   * one, readable by the owner only: a {@code .tmp} sibling, forced, renamed atomically, and then
   * the directory forced, so that the rename itself survives a power cut.
   */
  public static void writeDurably(Path file, byte[] data) throws IOException {
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.deleteIfExists(tmp);
    Files.createFile(tmp);
    if (Files.getFileStore(tmp).supportsFileAttributeView("posix")) {
      Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
    }
    try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
      ByteBuffer buffer = ByteBuffer.wrap(data);
      while (buffer.hasRemaining()) {
        ch.write(buffer);
      }
      ch.force(true);
    }
    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    syncDirectory(file.toAbsolutePath().getParent());
  }

  /**
   * Forces a directory's entries to disk, after a rename, a new file or a deletion in it: without
   * it a power cut may undo the rename although the file's bytes were synced. Does nothing where
   * directories cannot be opened (Windows).
   */
  public static void syncDirectory(Path dir) throws IOException {
    if (dir == null || !Files.getFileStore(dir).supportsFileAttributeView("posix")) {
      return;
    }
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    }
  }
}
