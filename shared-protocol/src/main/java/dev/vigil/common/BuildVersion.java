package dev.vigil.common;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** A program's version as its build stamped it into a properties resource. */
public final class BuildVersion {
  private BuildVersion() {}

  /**
   * The {@code version} in a properties resource beside {@code owner}, or {@code "dev"} when run
   * from an unpackaged build.
   */
  public static String read(Class<?> owner, String resource) {
    try (InputStream in = owner.getResourceAsStream(resource)) {
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
