package dev.vigil.console.ui.model;

import dev.vigil.common.LogText;
import dev.vigil.common.WholeNumbers;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operator's console preferences in a small properties file: theme, notifications, window and
 * column layout, and the ports and data directory used at the next start. A missing or unreadable
 * file means defaults; it is never fatal.
 */
public final class Settings {
  private static final Logger LOG = LoggerFactory.getLogger(Settings.class);

  /** The colour scheme of the window. */
  public enum Theme {
    LIGHT,
    DARK
  }

  /** Which alerts pop up. */
  public enum Popups {
    ALL("Warning and critical alerts"),
    CRITICAL("Critical alerts only"),
    OFF("None (muted)");

    private final String label;

    Popups(String label) {
      this.label = label;
    }

    @Override
    public String toString() {
      return label;
    }
  }

  private final Path file;
  private final Properties values = new Properties();

  private Settings(Path file) {
    this.file = file;
  }

  /** Reads the settings file, or starts from defaults when it is absent or unreadable. */
  public static Settings load(Path file) {
    Settings s = new Settings(file);
    if (file != null && Files.isRegularFile(file)) {
      try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
        s.values.load(in);
      } catch (IOException | IllegalArgumentException e) {
        LOG.warn("Ignoring the settings in {} ({}); using defaults", file, e.getMessage());
        s.values.clear();
      }
    }
    return s;
  }

  /** Settings kept in memory only, for tests and for when no file can be used. */
  public static Settings inMemory() {
    return new Settings(null);
  }

  /**
   * Where the settings live unless {@code --settings} says otherwise: {@code
   * $XDG_CONFIG_HOME/vigil/console.properties}, else {@code ~/.config/vigil/console.properties}.
   */
  public static Path defaultFile() {
    String xdg = System.getenv("XDG_CONFIG_HOME");
    Path base =
        xdg != null && !xdg.isBlank()
            ? Path.of(xdg)
            : Path.of(System.getProperty("user.home"), ".config");
    return base.resolve("vigil").resolve("console.properties");
  }

  /** The file these settings are saved to, if any. */
  public Optional<Path> file() {
    return Optional.ofNullable(file);
  }

  /** Writes the settings (owner-only, atomically); a failure is logged, never thrown. */
  public void save() {
    if (file == null) {
      return;
    }
    try {
      Files.createDirectories(file.getParent());
      Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
      try (Writer out = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
        values.store(out, "Vigil console settings; edit with the console's Settings dialog");
      }
      try {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      LOG.warn("Could not save the settings to {}: {}", file, e.getMessage());
    }
  }

  public Theme theme() {
    return enumValue("theme", Theme.class, Theme.LIGHT);
  }

  public void setTheme(Theme theme) {
    values.setProperty("theme", theme.name().toLowerCase(Locale.ROOT));
  }

  public Popups popups() {
    return enumValue("notifications", Popups.class, Popups.ALL);
  }

  public void setPopups(Popups popups) {
    values.setProperty("notifications", popups.name().toLowerCase(Locale.ROOT));
  }

  /** A port to use at the next start when the command line does not give one. */
  public Optional<Integer> port(String key) {
    String v = values.getProperty(key);
    if (v == null || v.isBlank()) {
      return Optional.empty();
    }
    if (!WholeNumbers.isWhole(v.trim()) || v.trim().length() > 5) {
      LOG.warn("Ignoring {}={} in {}: not a port number", key, LogText.of(v), file);
      return Optional.empty();
    }
    int port = Integer.parseInt(v.trim());
    return port >= -1 && port <= 65535 ? Optional.of(port) : Optional.empty();
  }

  /** Sets or (with null) clears a port for the next start. */
  public void setPort(String key, Integer port) {
    set(key, port == null ? null : String.valueOf(port));
  }

  /** The data directory to use at the next start when the command line does not give one. */
  public Optional<Path> dataDir() {
    return text("data.dir").map(Path::of);
  }

  public void setDataDir(Path dir) {
    set("data.dir", dir == null ? null : dir.toString());
  }

  /** A free-form value, such as a remembered layout. */
  public Optional<String> text(String key) {
    String v = values.getProperty(key);
    return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.trim());
  }

  /** Sets or (with null) clears a free-form value. */
  public void set(String key, String value) {
    if (value == null) {
      values.remove(key);
    } else {
      values.setProperty(key, value);
    }
  }

  /** A number, or the default when it is missing or not a number. */
  public double number(String key, double otherwise) {
    try {
      return text(key).map(Double::parseDouble).orElse(otherwise);
    } catch (NumberFormatException e) {
      return otherwise;
    }
  }

  private <E extends Enum<E>> E enumValue(String key, Class<E> type, E otherwise) {
    return text(key)
        .map(
            v -> {
              try {
                return Enum.valueOf(type, v.toUpperCase(Locale.ROOT));
              } catch (IllegalArgumentException e) {
                LOG.warn("Ignoring {}={} in {}", key, v, file);
                return otherwise;
              }
            })
        .orElse(otherwise);
  }
}
