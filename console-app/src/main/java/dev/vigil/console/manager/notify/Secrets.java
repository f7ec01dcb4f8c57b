package dev.vigil.console.manager.notify;

import dev.vigil.common.FilePermissions;
import dev.vigil.common.config.ConfigException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The notifications' secrets file ({@code DATA_DIR/notification-secrets}): {@code ID = value}
 * lines, {@code #} comments, readable by its owner only. A value is never logged or shown; an error
 * names the file and the line, never the value. Immutable.
 */
final class Secrets {
  private final Path file;
  private final Map<String, String> values;

  private Secrets(Path file, Map<String, String> values) {
    this.file = file;
    this.values = Map.copyOf(values);
  }

  /**
   * Reads the file, or none when it does not exist.
   *
   * @throws IOException when others may read it (naming the chmod), or it cannot be read
   * @throws ConfigException naming the line that is not {@code ID = value}
   */
  static Secrets read(Path file) throws IOException, ConfigException {
    if (!Files.exists(file)) {
      return new Secrets(file, Map.of());
    }
    FilePermissions.requirePrivateFile(file);
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    Map<String, String> values = new HashMap<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      int eq = line.indexOf('=');
      if (eq <= 0 || line.substring(eq + 1).isBlank()) {
        throw new ConfigException(
            file + " line " + (i + 1) + ": expected 'ID = value' (the value is not shown here)");
      }
      String id = line.substring(0, eq).strip();
      if (values.put(id, line.substring(eq + 1).strip()) != null) {
        throw new ConfigException(
            file + " line " + (i + 1) + ": the secret '" + id + "' is set twice");
      }
    }
    return new Secrets(file, values);
  }

  /** A secret's value, or null when the file does not hold it. */
  String get(String id) {
    return values.get(id);
  }

  /** The file, for messages. */
  Path file() {
    return file;
  }
}
