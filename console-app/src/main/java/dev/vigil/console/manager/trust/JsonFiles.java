package dev.vigil.console.manager.trust;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;
import com.google.gson.reflect.TypeToken;
import dev.vigil.common.DataDirectories;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The trust store's JSON files: read with a sentence when damaged, written owner-only. */
final class JsonFiles {
  private static final Gson GSON = new GsonBuilder().setPrettyPrinting().create();

  private JsonFiles() {}

  /** A JSON file's value, or {@code empty} when there is no file; a damaged one says what to do. */
  static <T> T read(Path file, TypeToken<T> type, T empty) throws IOException {
    if (!Files.exists(file)) {
      return empty;
    }
    try {
      T value = GSON.fromJson(Files.readString(file, StandardCharsets.UTF_8), type);
      return value == null ? empty : value;
    } catch (JsonParseException e) {
      throw new IOException(
          file
              + " is damaged ("
              + e.getMessage()
              + "); restore it from a backup or move it aside"
              + " (known agents will then have to be approved again)",
          e);
    }
  }

  /** Writes a value as JSON, readable by the owner only, through an atomic rename. */
  static void save(Path file, Object value) {
    try {
      DataDirectories.writePrivately(file, GSON.toJson(value));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot save " + file + ": " + e.getMessage(), e);
    }
  }
}
