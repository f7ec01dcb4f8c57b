package dev.vigil.protocol;

import java.nio.file.Path;

/** Where Vigil's programs keep their state by default, following the XDG base directories. */
public final class DataDirectories {
  private DataDirectories() {}

  /** {@code $XDG_DATA_HOME/vigil/<program>}, or {@code ~/.local/share/vigil/<program>}. */
  public static Path defaultFor(String program) {
    String xdg = System.getenv("XDG_DATA_HOME");
    Path base =
        xdg != null && !xdg.isBlank()
            ? Path.of(xdg)
            : Path.of(System.getProperty("user.home"), ".local", "share");
    return base.resolve("vigil").resolve(program);
  }
}
