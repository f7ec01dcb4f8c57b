package dev.vigil.console.attach;

import dev.vigil.common.DataDirectories;
import dev.vigil.common.HostPort;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The managers a window was attached to, one {@code host:port} a line in {@code window-managers} in
 * the attached console's data directory (owner-only), so that the next start attaches to them
 * again. Their keys are in {@link ManagerPins}. A line that is not a {@code host:port} is skipped
 * with a warning naming the file and the line. Thread-safe.
 */
final class RememberedManagers {
  static final String FILE = "window-managers";
  private static final Logger LOG = LoggerFactory.getLogger(RememberedManagers.class);

  private final Path file;

  RememberedManagers(Path dataDir) {
    this.file = dataDir.resolve(FILE);
  }

  /** The managers remembered, in the order they were added. */
  synchronized List<HostPort> all() {
    List<HostPort> out = new ArrayList<>();
    if (!Files.exists(file)) {
      return out;
    }
    try {
      List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
      for (int i = 0; i < lines.size(); i++) {
        String line = lines.get(i).strip();
        if (line.isEmpty() || line.startsWith("#")) {
          continue;
        }
        try {
          HostPort h = HostPort.parse(line);
          if (!out.contains(h)) {
            out.add(h);
          }
        } catch (IllegalArgumentException e) {
          LOG.warn("{} line {}: skipped, not a host:port ({})", file, i + 1, e.getMessage());
        }
      }
    } catch (IOException e) {
      LOG.warn("Could not read {}: {}", file, e.getMessage());
    }
    return out;
  }

  synchronized void add(HostPort manager) {
    List<HostPort> now = all();
    if (!now.contains(manager)) {
      now.add(manager);
      write(now);
    }
  }

  synchronized void remove(HostPort manager) {
    List<HostPort> now = all();
    if (now.remove(manager)) {
      write(now);
    }
  }

  private void write(List<HostPort> managers) {
    StringBuilder text = new StringBuilder("# Managers this console's window attaches to\n");
    managers.forEach(m -> text.append(m).append('\n'));
    try {
      DataDirectories.writePrivately(file, text.toString());
    } catch (IOException e) {
      throw new UncheckedIOException("Could not remember the managers in " + file, e);
    }
  }
}
