package dev.vigil.protocol.message;

/**
 * One mounted file system's usage.
 *
 * @param mount where it is mounted, for example {@code /var}
 * @param type its type, for example {@code ext4}
 * @param usedBytes space in use
 * @param totalBytes its size
 */
public record FileSystemUsage(String mount, String type, long usedBytes, long totalBytes) {
  public FileSystemUsage {
    Checks.text("mount", mount, 1024);
    Checks.text("type", type, 64);
    Checks.notNegative("usedBytes", usedBytes);
    Checks.notNegative("totalBytes", totalBytes);
  }

  /** Space in use as a percentage of the size, or 0 for an empty file system. */
  public double usedPercent() {
    return totalBytes == 0 ? 0 : 100.0 * usedBytes / totalBytes;
  }
}
