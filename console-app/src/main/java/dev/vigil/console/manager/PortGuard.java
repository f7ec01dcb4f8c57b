package dev.vigil.console.manager;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Finds which process holds a port (Linux: {@code /proc/net} and {@code /proc/PID/fd}), so that a
 * taken port is reported with the holder's PID, name and command instead of a bare "address in
 * use". Read-only: it never touches the holder.
 */
public final class PortGuard {
  /**
   * A process holding a port.
   *
   * @param pid its process id
   * @param command its command line
   */
  public record Holder(long pid, String command) {
    /** Whether this looks like a Vigil console. */
    public boolean isVigilConsole() {
      return command.contains("vigil-console") || command.contains("dev.vigil.console");
    }

    @Override
    public String toString() {
      return "PID "
          + pid
          + " ("
          + (command.length() > 120 ? command.substring(0, 120) + "..." : command)
          + ")";
    }
  }

  private PortGuard() {}

  /** The process listening on a TCP port, or bound to a UDP port, if this system tells. */
  public static Optional<Holder> holder(String protocol, int port) {
    Path proc = Path.of("/proc");
    if (!Files.isDirectory(proc.resolve("net"))) {
      return Optional.empty();
    }
    try {
      String p = protocol.toLowerCase(Locale.ROOT);
      for (String table : List.of(p, p + "6")) {
        Optional<String> inode = inode(proc.resolve("net").resolve(table), port, p.equals("tcp"));
        if (inode.isPresent()) {
          return owner(proc, "socket:[" + inode.get() + "]");
        }
      }
    } catch (IOException e) {
      return Optional.empty();
    }
    return Optional.empty();
  }

  private static Optional<String> inode(Path table, int port, boolean listening)
      throws IOException {
    if (!Files.exists(table)) {
      return Optional.empty();
    }
    String hexPort = String.format(":%04X", port);
    for (String line : Files.readAllLines(table, StandardCharsets.US_ASCII)) {
      String[] f = line.trim().split("\\s+");
      // sl local_address rem_address st tx_queue:rx_queue tr:tm->when retrnsmt uid timeout inode
      if (f.length > 9 && f[1].endsWith(hexPort) && (!listening || f[3].equals("0A"))) {
        return Optional.of(f[9]);
      }
    }
    return Optional.empty();
  }

  private static Optional<Holder> owner(Path proc, String socket) throws IOException {
    try (DirectoryStream<Path> pids = Files.newDirectoryStream(proc, "[0-9]*")) {
      for (Path pidDir : pids) {
        Path fds = pidDir.resolve("fd");
        try (DirectoryStream<Path> links = Files.newDirectoryStream(fds)) {
          for (Path fd : links) {
            try {
              if (Files.readSymbolicLink(fd).toString().equals(socket)) {
                long pid = Long.parseLong(pidDir.getFileName().toString());
                return Optional.of(new Holder(pid, commandLine(pidDir)));
              }
            } catch (IOException e) {
              // the descriptor closed while we looked
            }
          }
        } catch (IOException e) {
          // another user's process, or one that just ended
        }
      }
    }
    return Optional.empty();
  }

  /** Whether a process has a file open (Linux; false where this cannot be told). */
  public static boolean hasOpen(long pid, Path file) {
    Path fds = Path.of("/proc", String.valueOf(pid), "fd");
    Path target = file.toAbsolutePath().normalize();
    try (DirectoryStream<Path> links = Files.newDirectoryStream(fds)) {
      for (Path fd : links) {
        try {
          if (Files.readSymbolicLink(fd).equals(target)) {
            return true;
          }
        } catch (IOException e) {
          // closed while we looked
        }
      }
    } catch (IOException e) {
      return false;
    }
    return false;
  }

  private static String commandLine(Path pidDir) {
    try {
      String cmd =
          new String(Files.readAllBytes(pidDir.resolve("cmdline")), StandardCharsets.UTF_8)
              .replace('\0', ' ')
              .trim();
      return cmd.isEmpty() ? Files.readString(pidDir.resolve("comm")).trim() : cmd;
    } catch (IOException e) {
      return "unknown";
    }
  }
}
