package dev.vigil.console.export;

import java.io.BufferedOutputStream;
import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Set;

/**
 * A file an export writes, on the manager's machine or on an attached console's: never through a
 * symbolic link, never over an existing file unless asked to replace it, readable by its owner only
 * (0600), and complete or absent under its name (it is written beside it and moved into place). Not
 * thread-safe.
 */
public final class ExportFile implements Closeable {
  private static final String EXISTS = "it already exists; add --force to replace it";
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Path target;
  private final Path written;
  private final boolean replace;
  private final FileChannel channel;
  private final OutputStream output;
  private final Writer writer;
  private boolean committed;

  private ExportFile(Path target, Path written, boolean replace, FileChannel channel) {
    this.target = target;
    this.written = written;
    this.replace = replace;
    this.channel = channel;
    this.output = new BufferedOutputStream(Channels.newOutputStream(channel), 64 * 1024);
    this.writer = new BufferedWriter(new OutputStreamWriter(output, StandardCharsets.UTF_8));
  }

  /**
   * Opens a file beside {@code target} for writing; {@link #commit()} gives it the target's name.
   *
   * @param replace whether an existing regular file may be replaced (the window's save dialog asked
   *     already; the text interface's {@code --force})
   * @throws IOException with a sentence when the target is a link, not a regular file, or exists
   */
  public static ExportFile create(Path target, boolean replace) throws IOException {
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
    // A new file beside the target, renamed over it at the end: a rename replaces a link put there
    // meanwhile instead of following it, readers see the old file or the new, and an export that
    // dies half way (a manager gone, a console killed) leaves nothing under the target's name.
    Path written =
        file.resolveSibling(
            "."
                + file.getFileName()
                + "."
                + HexFormat.of().formatHex(nonce())
                + ".vigil-export.tmp");
    Set<OpenOption> options =
        Set.of(StandardOpenOption.WRITE, StandardOpenOption.CREATE_NEW, LinkOption.NOFOLLOW_LINKS);
    FileChannel channel = FileChannel.open(written, options, ownerOnly(written));
    return new ExportFile(file, written, replace, channel);
  }

  private static byte[] nonce() {
    byte[] b = new byte[6];
    RANDOM.nextBytes(b);
    return b;
  }

  private static FileAttribute<?>[] ownerOnly(Path file) {
    return file.getFileSystem().supportedFileAttributeViews().contains("posix")
        ? new FileAttribute<?>[] {
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))
        }
        : new FileAttribute<?>[0];
  }

  /** Where text rows go. */
  public Writer writer() {
    return writer;
  }

  /** Where bytes go, for a file that arrives as bytes; do not mix with {@link #writer()}. */
  public OutputStream output() {
    return output;
  }

  /** Makes the file complete and durable, under its own name. */
  public void commit() throws IOException {
    writer.flush();
    channel.force(true);
    writer.close();
    if (replace) {
      Files.move(
          written, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } else {
      keepWithoutReplacing();
    }
    committed = true;
  }

  /**
   * Gives the written file the target's name unless something took that name meanwhile: a hard link
   * is atomic and fails when the name exists, where a rename would replace it.
   */
  private void keepWithoutReplacing() throws IOException {
    try {
      Files.createLink(target, written);
    } catch (FileAlreadyExistsException e) {
      throw new IOException(EXISTS, e);
    } catch (UnsupportedOperationException | FileSystemException noHardLinks) {
      // A file system without hard links: a move that checks first, the best it offers.
      try {
        Files.move(written, target);
        return;
      } catch (FileAlreadyExistsException e) {
        throw new IOException(EXISTS, e);
      }
    }
    Files.delete(written);
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
