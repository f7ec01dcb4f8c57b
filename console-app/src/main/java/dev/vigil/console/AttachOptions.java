package dev.vigil.console;

import dev.vigil.common.DataDirectories;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code console} options that attach to a manager elsewhere instead of running one. */
final class AttachOptions {
  @Option(
      names = "--connect",
      paramLabel = "HOST:PORT",
      description =
          "Attach to the manager whose operator channel is at HOST:PORT instead of running one here.")
  String connect;

  @Option(
      names = "--token",
      paramLabel = "TOKEN",
      description =
          "With --connect, the first time: the admin token (DATA_DIR/admin-token) or an operator"
              + " token from 'invite'.")
  String token;

  @Option(
      names = "--token-file",
      paramLabel = "FILE",
      description = "With --connect: read the token from the first line of FILE.")
  Path tokenFile;

  @Option(
      names = "--manager-fingerprint",
      paramLabel = "SHA256:...",
      description =
          "With --connect, the first time: the manager's key, as it prints it at start;"
              + " remembered after.")
  String managerFingerprint;

  @Option(
      names = "--name",
      paramLabel = "NAME",
      description =
          "With --connect and the admin token: the first admin's name (default: your login).")
  String name = System.getProperty("user.name", "admin");

  @Option(
      names = "--attach-dir",
      paramLabel = "DIR",
      description =
          "With --connect: where this console keeps its own key and the managers' keys it pinned"
              + " (default: ${DEFAULT-VALUE}); --data-dir DIR says the same.")
  Path dataDir = DataDirectories.defaultFor("console-attach");
}
