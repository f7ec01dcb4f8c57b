package dev.vigil.agent;

import dev.vigil.common.DataDirectories;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

/** The agent's stable id, created on first start and kept in its data directory. */
public final class AgentIdentity {
  private AgentIdentity() {}

  /**
   * Reads the id from {@code dataDir/agent-id}, creating it (owner-only, synced) on first start, in
   * a data directory created owner-only.
   *
   * @throws dev.vigil.common.UnsafePermissionsException when others may write the data directory
   */
  public static UUID loadOrCreate(Path dataDir) throws IOException {
    DataDirectories.createPrivate(dataDir);
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
    DataDirectories.writePrivately(file, id + "\n");
    return id;
  }
}
