package dev.vigil.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.common.config.ConfigFileMerge;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every key {@code manager.conf} takes is documented in docs/manager.md and shown, commented, in
 * the package's /etc/vigil/manager.conf; neither lists a key the manager does not know.
 */
class ManagerKeysDocumentedTest {
  private static final Path ROOT = Path.of("..");
  private static final Pattern TABLE_ROW = Pattern.compile("^\\| `([a-z][a-z-]*)` \\|");
  private static final Pattern COMMENTED = Pattern.compile("^#([a-z][a-z-]*) = ");

  private static Set<String> parserKeys() {
    return new TreeSet<>(ConfigFileMerge.keys(ManagerMain.commandLine().getCommandSpec()));
  }

  private static Set<String> matching(List<String> lines, Pattern pattern) {
    Set<String> keys = new TreeSet<>();
    for (String line : lines) {
      Matcher m = pattern.matcher(line);
      if (m.find()) {
        keys.add(m.group(1));
      }
    }
    return keys;
  }

  @Test
  void everyKeyIsInTheDocsTableAndTheTableHasNoOther() throws Exception {
    assertThat(parserKeys())
        .contains("tcp-port", "operator-port", "log-file")
        .doesNotContain("config");
    List<String> docs = Files.readAllLines(ROOT.resolve("docs/manager.md"), StandardCharsets.UTF_8);
    int section = docs.indexOf("## Every key");
    assertThat(section).as("docs/manager.md has a section '## Every key'").isNotNegative();
    assertThat(matching(docs.subList(section, docs.size()), TABLE_ROW)).isEqualTo(parserKeys());
  }

  @Test
  void theShippedConfigShowsEveryKeyCommentedOut() throws Exception {
    Path conf = ROOT.resolve("packaging/manager/manager.conf");
    assertThat(matching(Files.readAllLines(conf, StandardCharsets.UTF_8), COMMENTED))
        .isEqualTo(parserKeys());
    assertThat(Files.readAllLines(conf, StandardCharsets.UTF_8))
        .allMatch(l -> l.isBlank() || l.startsWith("#"));
  }
}
