package dev.vigil.console.manager.store;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * A file an export writes: never through a symbolic link, never over an existing file unless asked
 * to replace it, readable by its owner only (0600), and complete or absent. Not thread-safe.
 */
final class ExportFile implements Closeable {
  private static final String EXISTS = "it already exists; add --force to replace it";

  private final Path target;
  private final Path written;
  private final boolean replace;
  private final FileChannel channel;
  private final Writer writer;
  private boolean committed;

  private ExportFile(Path target, Path written, boolean replace, FileChannel channel) {
    this.target = target;
    this.written = written;
    this.replace = replace;
    this.channel = channel;
    this.writer =
        new BufferedWriter(
            new OutputStreamWriter(Channels.newOutputStream(channel), StandardCharsets.UTF_8));
  }

  /**
   * Opens {@code target} for writing.
   *
   * @param replace whether an existing regular file may be replaced (the window's save dialog asked
   *     already; the text interface's {@code --force})
   * @throws IOException with a sentence when the target is a link, not a regular file, or exists
   */
  static ExportFile create(Path target, boolean replace) throws IOException {
    Path file = target.toAbsolutePath();
    if (Files.isSymbolicLink(file)) {
      throw new IOException("it is a symbolic link; give the path of the file itself");
    }
    boolean exists = Files.exists(file, LinkOption.NOFOLLOW_LINKS);
    if (exists && !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
      throw new IOException("it exists and is not a regular file");
    }
    if (exists && !replace) {
      throw new IOException(EXISTS);
    }
    // Replacing writes a new file beside the old one and renames it over: a rename replaces a
    // link put there meanwhile instead of following it, and readers see the old file or the new.
    Path written =
        replace ? file.resolveSibling("." + file.getFileName() + ".vigil-export.tmp") : file;
    if (replace) {
      Files.deleteIfExists(written);
    }
    Set<OpenOption> options =
        Set.of(StandardOpenOption.WRITE, StandardOpenOption.CREATE_NEW, LinkOption.NOFOLLOW_LINKS);
    FileChannel channel;
    try {
      channel = FileChannel.open(written, options, ownerOnly(written));
    } catch (FileAlreadyExistsException e) {
      throw new IOException(EXISTS);
    }
    return new ExportFile(file, written, replace, channel);
  }

  private static FileAttribute<?>[] ownerOnly(Path file) {
    return file.getFileSystem().supportedFileAttributeViews().contains("posix")
        ? new FileAttribute<?>[] {
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))
        }
        : new FileAttribute<?>[0];
  }

  /** Where the rows go. */
  Writer writer() {
    return writer;
  }

  /** Makes the file complete and durable, under its own name. */
  void commit() throws IOException {
    writer.flush();
    channel.force(true);
    writer.close();
    if (replace) {
      Files.move(
          written, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
    committed = true;
  }

  /** Without a commit, removes what was written: a failed export leaves no half a file. */
  @Override
  public void close() throws IOException {
    if (!committed) {
      try {
        writer.close();
      } finally {
        Files.deleteIfExists(written);
      }
    }
  }
}
