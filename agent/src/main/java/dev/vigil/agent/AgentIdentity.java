package dev.vigil.agent;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.UUID;

/** The agent's stable id, created on first start and kept in its data directory. */
public final class AgentIdentity {
  private AgentIdentity() {}

  /** Reads the id from {@code dataDir/agent-id}, creating it (owner-only) on first start. */
  public static UUID loadOrCreate(Path dataDir) throws IOException {
    Files.createDirectories(dataDir);
    restrictToOwner(dataDir, "rwx------");
    Path file = dataDir.resolve("agent-id");
    if (Files.exists(file)) {
      String text = Files.readString(file, StandardCharsets.UTF_8).trim();
      try {
        return UUID.fromString(text);
      } catch (IllegalArgumentException e) {
        throw new IOException(
            file
                + " does not hold an agent id (found '"
                + text
                + "'); delete it to create a new one");
      }
    }
    UUID id = UUID.randomUUID();
    try {
      Files.writeString(
          file, id + "\n", StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.CREATE_NEW);
    } catch (FileAlreadyExistsException raced) {
      return loadOrCreate(dataDir);
    }
    restrictToOwner(file, "rw-------");
    return id;
  }

  private static void restrictToOwner(Path path, String perms) throws IOException {
    if (Files.getFileStore(path).supportsFileAttributeView("posix")) {
      Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(perms));
    }
  }
}
