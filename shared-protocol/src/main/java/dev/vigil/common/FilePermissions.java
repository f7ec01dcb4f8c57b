package dev.vigil.common;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;

/**
 * The permission checks Vigil makes when it loads its state: private files (keys, tokens) readable
 * by their owner only, data directories writable by their owner only. POSIX file systems only;
 * elsewhere every check passes. Stateless.
 */
public final class FilePermissions {
  private static final Set<PosixFilePermission> OTHERS_READ_OR_WRITE =
      EnumSet.of(
          PosixFilePermission.GROUP_READ,
          PosixFilePermission.GROUP_WRITE,
          PosixFilePermission.OTHERS_READ,
          PosixFilePermission.OTHERS_WRITE);
  private static final Set<PosixFilePermission> OTHERS_WRITE =
      EnumSet.of(PosixFilePermission.GROUP_WRITE, PosixFilePermission.OTHERS_WRITE);

  private FilePermissions() {}

  /**
   * Refuses a private file (a key, a token) that its group or other users may read or write.
   *
   * @throws UnsafePermissionsException naming the file, its mode and the {@code chmod} to run
   */
  public static void requirePrivateFile(Path file) throws IOException {
    Set<PosixFilePermission> perms = permissions(file);
    if (perms != null && !disjoint(perms, OTHERS_READ_OR_WRITE)) {
      throw new UnsafePermissionsException(
          file
              + " can be read by other users (mode "
              + octal(perms)
              + "); it holds a secret. Run: chmod 600 "
              + file);
    }
  }

  /**
   * Refuses a data directory that its group or other users may write (they could replace a key or a
   * pin in it).
   *
   * @throws UnsafePermissionsException naming the directory, its mode and the {@code chmod} to run
   */
  public static void requirePrivateDirectory(Path dir) throws IOException {
    Set<PosixFilePermission> perms = permissions(dir);
    if (perms != null && !disjoint(perms, OTHERS_WRITE)) {
      throw new UnsafePermissionsException(
          dir
              + " can be written by other users (mode "
              + octal(perms)
              + "); they could replace its keys. Run: chmod 700 "
              + dir);
    }
  }

  /** Whether users other than the owner may read {@code file}; false where POSIX is unknown. */
  public static boolean readableByOthers(Path file) throws IOException {
    Set<PosixFilePermission> perms = permissions(file);
    return perms != null
        && (perms.contains(PosixFilePermission.GROUP_READ)
            || perms.contains(PosixFilePermission.OTHERS_READ));
  }

  /** A file's mode as {@code chmod} writes it, for example {@code 0644}. */
  public static String octal(Set<PosixFilePermission> perms) {
    int mode = 0;
    for (PosixFilePermission p : perms) {
      mode |= 1 << (8 - p.ordinal());
    }
    return String.format("0%03o", mode);
  }

  private static Set<PosixFilePermission> permissions(Path path) throws IOException {
    PosixFileAttributeView view = Files.getFileAttributeView(path, PosixFileAttributeView.class);
    if (view == null || !Files.exists(path)) {
      return null;
    }
    return view.readAttributes().permissions();
  }

  private static boolean disjoint(Set<PosixFilePermission> a, Set<PosixFilePermission> b) {
    for (PosixFilePermission p : b) {
      if (a.contains(p)) {
        return false;
      }
    }
    return true;
  }
}
