package dev.vigil.console;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The console's version, as the build stamped it. */
public final class Versions {
  private Versions() {}

  /** The console's version, or {@code "dev"} when run from an unpackaged build. */
  public static String consoleVersion() {
    try (InputStream in =
        Versions.class.getResourceAsStream("/dev/vigil/console/version.properties")) {
      if (in == null) {
        return "dev";
      }
      Properties p = new Properties();
      p.load(in);
      return p.getProperty("version", "dev");
    } catch (IOException e) {
      return "dev";
    }
  }
}
