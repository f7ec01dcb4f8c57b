package dev.vigil.console.headless;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.console.manager.ConsoleManager;
import dev.vigil.console.manager.ManagerConfig;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The export commands on a real manager: paths with spaces, no overwriting, no links, 0600. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HeadlessExportTest {
  @TempDir Path dir;
  private ConsoleManager manager;

  @BeforeEach
  void start() throws Exception {
    manager = new ConsoleManager(ManagerConfig.loopbackAnyPort(dir.resolve("console")));
    manager.start();
  }

  @AfterEach
  void stop() {
    manager.close();
  }

  private String run(String input) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    new HeadlessConsole(manager, new BufferedReader(new StringReader(input)), out, false).run();
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void aQuotedPathWithSpacesNamesOneFileReadableByItsOwnerOnly() throws Exception {
    Path alerts = dir.resolve("my alerts.csv");
    Path history = dir.resolve("last day.csv");
    String out =
        run("export \"" + alerts + "\"\nexport-history " + history.toString().replace(" ", "\\ "));
    assertThat(out).contains("Wrote 0 alert(s) to " + alerts + ".");
    assertThat(out).contains("one-minute aggregate(s) to " + history + ".");
    for (Path p : List.of(alerts, history)) {
      assertThat(Files.readString(p)).endsWith("\r\n");
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(p)))
          .isEqualTo("rw-------");
    }
    assertThat(dir.resolve("my")).doesNotExist();
  }

  @Test
  void anExistingFileIsKeptUnlessForceIsGiven() throws Exception {
    Path csv = dir.resolve("alerts.csv");
    Files.writeString(csv, "the operator's notes");
    assertThat(run("export " + csv))
        .contains("Could not write " + csv + ": it already exists; add --force to replace it");
    assertThat(Files.readString(csv)).isEqualTo("the operator's notes");
    assertThat(run("export " + csv + " --force")).contains("Wrote 0 alert(s) to " + csv + ".");
    assertThat(Files.readString(csv)).startsWith("id,raised_at,");
  }

  @Test
  void aSymbolicLinkIsRefusedAndItsTargetUntouched() throws Exception {
    Path victim = dir.resolve("authorized_keys");
    Files.writeString(victim, "ssh-ed25519 AAAA");
    Path link = Files.createSymbolicLink(dir.resolve("alerts.csv"), victim);
    assertThat(run("export " + link + " --force"))
        .contains("Could not write " + link + ": it is a symbolic link");
    assertThat(Files.readString(victim)).isEqualTo("ssh-ed25519 AAAA");
  }

  @Test
  void anUnclosedQuoteIsASentence() throws Exception {
    assertThat(run("export \"half.csv\n")).contains("A double quote is not closed; close it.");
    assertThat(dir.resolve("half.csv")).doesNotExist();
  }

  @Test
  void wordsSplitAsAShellWould() throws Exception {
    assertThat(Words.split("  ack 12  disk  full ")).containsExactly("ack", "12", "disk", "full");
    assertThat(Words.split("export \"a b.csv\" --force"))
        .containsExactly("export", "a b.csv", "--force");
    assertThat(Words.split("export 'it''s \"x\".csv'")).containsExactly("export", "its \"x\".csv");
    assertThat(Words.split("export a\\ b\\\\c C:\\data"))
        .containsExactly("export", "a b\\c", "C:\\data");
    assertThat(Words.split("export \"\"")).containsExactly("export", "");
    assertThat(Words.split("   ")).isEmpty();
    assertThatThrownBy(() -> Words.split("ack 1 'note"))
        .hasMessage("A single quote is not closed; close it.");
  }
}
