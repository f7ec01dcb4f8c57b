package dev.vigil.agent.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * Debian's {@code monitoring-plugins-basic}, which the tests run for real: skipped with a reason
 * when the plugins are absent outside CI, a failure in CI (CI=true), where .ci/run installs them.
 */
final class NagiosPlugins {
  static final Path DIR = Path.of("/usr/lib/nagios/plugins");

  private NagiosPlugins() {}

  /** The plugin's path, or the test is skipped (outside CI) or failed (in CI). */
  static String plugin(String name) {
    Path p = DIR.resolve(name);
    boolean present = Files.isExecutable(p);
    if ("true".equals(System.getenv("CI"))) {
      assertThat(present)
          .as(
              p
                  + " is missing; .ci/run installs monitoring-plugins-basic (scripts/check-plugins.sh)")
          .isTrue();
    }
    Assumptions.assumeTrue(
        present,
        p
            + " is not installed: install Debian's monitoring-plugins-basic (scripts/check-plugins.sh"
            + " does, as root) to run the real-plugin tests");
    return p.toString();
  }
}
