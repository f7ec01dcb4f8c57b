package dev.vigil.agent;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The agent's version, as the build stamped it. */
public final class Versions {
  private Versions() {}

  /** The agent's version, or {@code "dev"} when run from an unpackaged build. */
  public static String agentVersion() {
    try (InputStream in =
        Versions.class.getResourceAsStream("/dev/vigil/agent/version.properties")) {
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
