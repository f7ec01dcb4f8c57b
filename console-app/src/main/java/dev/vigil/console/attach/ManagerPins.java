package dev.vigil.console.attach;

import com.google.gson.Gson;
import com.google.gson.JsonParseException;
import com.google.gson.reflect.TypeToken;
import dev.vigil.common.DataDirectories;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The managers' keys an attached console pinned, by HOST:PORT, in {@code managers.json} in its data
 * directory (owner-only): named once with {@code --manager-fingerprint}, remembered after the first
 * welcome. Not thread-safe; one per attach.
 */
final class ManagerPins {
  static final String FILE = "managers.json";
  private static final Gson GSON = new Gson();

  private final Path file;

  ManagerPins(Path dataDir) {
    this.file = dataDir.resolve(FILE);
  }

  /** The key pinned for a manager, if any. */
  Optional<String> pinned(String hostPort) throws IOException {
    return Optional.ofNullable(read().get(hostPort));
  }

  /** Remembers a manager's key. */
  void pin(String hostPort, String fingerprint) throws IOException {
    Map<String, String> pins = read();
    if (!fingerprint.equals(pins.put(hostPort, fingerprint))) {
      DataDirectories.writePrivately(file, GSON.toJson(pins));
    }
  }

  private Map<String, String> read() throws IOException {
    if (!Files.exists(file)) {
      return new TreeMap<>();
    }
    try {
      Map<String, String> pins =
          GSON.fromJson(
              Files.readString(file, StandardCharsets.UTF_8),
              new TypeToken<TreeMap<String, String>>() {}.getType());
      return pins == null ? new TreeMap<>() : pins;
    } catch (JsonParseException e) {
      throw new IOException(
          file
              + " is damaged ("
              + e.getMessage()
              + "); delete it and attach with"
              + " --manager-fingerprint again",
          e);
    }
  }
}
