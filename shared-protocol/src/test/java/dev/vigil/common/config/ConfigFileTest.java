package dev.vigil.common.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigFileTest {
  private static final List<String> KEYS = List.of("manager", "allow", "stats-interval");
  @TempDir Path dir;

  private Path write(String text) throws Exception {
    Path file = dir.resolve("agent.conf");
    Files.writeString(file, text);
    return file;
  }

  @Test
  void readsKeysValuesAndLinesIgnoringCommentsAndBlanks() throws Exception {
    ConfigFile c =
        ConfigFile.read(
            write("# Vigil agent\n\nmanager = console:7470\n  allow=refresh, processes  \n"),
            KEYS,
            "docs/agent.md");
    assertThat(c.entries()).extracting(ConfigFile.Entry::key).containsExactly("manager", "allow");
    assertThat(c.get("allow").value()).isEqualTo("refresh, processes");
    assertThat(c.get("allow").line()).isEqualTo(4);
    assertThat(c.asArguments())
        .containsExactly("--manager=console:7470", "--allow=refresh, processes");
  }

  @Test
  void anUnknownKeyIsNamedWithItsLineAndASuggestion() throws Exception {
    Path file = write("manager = a:1\nalow = restart\n");
    assertThatThrownBy(() -> ConfigFile.read(file, KEYS, "docs/agent.md"))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            file
                + " line 2: unknown key 'alow' (did you mean 'allow'?); docs/agent.md lists every key");
  }

  @Test
  void anUnderscoreForADashAndTwoSwappedLettersStillFindTheKey() throws Exception {
    List<String> keys = List.of("tcp-port", "udp-port", "stats-interval");
    // Before: 'tcp_prot' is three plain edits from 'tcp-port', so no key was offered.
    assertThatThrownBy(() -> ConfigFile.read(write("tcp_prot = 7470\n"), keys, "docs/manager.md"))
        .hasMessageContaining("unknown key 'tcp_prot' (did you mean 'tcp-port'?)");
    assertThatThrownBy(() -> ConfigFile.read(write("stats_intreval = 1s\n"), keys, "x.md"))
        .hasMessageContaining("(did you mean 'stats-interval'?)");
    assertThatThrownBy(() -> ConfigFile.read(write("colour = red\n"), keys, "x.md"))
        .hasMessageNotContaining("did you mean");
  }

  @Test
  void aLineWithoutEqualsADuplicateAndAnEmptyValueAreNamed() throws Exception {
    assertThatThrownBy(() -> ConfigFile.read(write("manager console\n"), KEYS, "docs/agent.md"))
        .hasMessageContaining("line 1: expected 'key = value'");
    assertThatThrownBy(
            () -> ConfigFile.read(write("allow = a\nallow = b\n"), KEYS, "docs/agent.md"))
        .hasMessageContaining("line 2: 'allow' is already set on line 1");
    assertThatThrownBy(() -> ConfigFile.read(write("allow =\n"), KEYS, "docs/agent.md"))
        .hasMessageContaining("line 1: 'allow' has no value");
  }

  @Test
  void aMissingFileSaysSo() {
    assertThatThrownBy(() -> ConfigFile.read(dir.resolve("nope.conf"), KEYS, "docs/agent.md"))
        .hasMessageContaining("no such file");
  }
}
