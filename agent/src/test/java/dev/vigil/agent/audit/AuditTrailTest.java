package dev.vigil.agent.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.common.HashChain;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent's audit file (#16, finding 10): each line chained to the one before, checked line by
 * line; an edited or removed line is named by file and line; rotation by size keeps the chain
 * checkable through the new file's anchor.
 */
class AuditTrailTest {
  @TempDir Path dir;

  private void write(AuditTrail trail, int n) throws IOException {
    for (int i = 1; i <= n; i++) {
      trail.append("outcome", Map.of("command", "refresh", "detail", "run " + i));
    }
  }

  private Path log() {
    return dir.resolve(AuditTrail.FILE);
  }

  private void editLine(Path file, int line, String from, String to) throws IOException {
    List<String> lines = new ArrayList<>(Files.readAllLines(file, StandardCharsets.UTF_8));
    assertThat(lines.get(line - 1)).contains(from);
    lines.set(line - 1, lines.get(line - 1).replace(from, to));
    Files.write(file, lines, StandardCharsets.UTF_8);
  }

  @Test
  void everyLineCarriesAHashChainedToTheOneBefore() throws IOException {
    try (AuditTrail trail = new AuditTrail(dir)) {
      write(trail, 3);
      assertThat(trail.verify()).isEqualTo(new AuditCheck(3, "", 0, ""));
    }
    List<String> lines = Files.readAllLines(log());
    assertThat(lines.get(0)).startsWith("{\"seq\":1,\"time\":\"").contains("\"phase\":\"outcome\"");
    assertThat(lines).allSatisfy(l -> assertThat(l).matches(".*,\"hash\":\"[0-9a-f]{64}\"}"));
    // A new run continues the chain where the last one ended.
    try (AuditTrail again = new AuditTrail(dir)) {
      write(again, 2);
      assertThat(again.verify().intact()).isTrue();
    }
    assertThat(Files.readAllLines(log()).get(4)).startsWith("{\"seq\":5,");
  }

  @Test
  void anEditedLineIsNamedByFileAndLine() throws IOException {
    try (AuditTrail trail = new AuditTrail(dir)) {
      write(trail, 4);
    }
    editLine(log(), 2, "run 2", "run 9");
    AuditCheck check = AuditCheck.of(dir);
    assertThat(check.intact()).isFalse();
    assertThat(check.sentence())
        .isEqualTo(
            "The agent's audit log was changed outside Vigil: audit.log line 2 does not match its"
                + " hash: it, or a line before it, was edited or removed. Keep a copy of the data"
                + " directory for investigation.");
  }

  @Test
  void aRemovedLineBreaksTheChainAtTheLineAfterIt() throws IOException {
    try (AuditTrail trail = new AuditTrail(dir)) {
      write(trail, 4);
    }
    List<String> lines = new ArrayList<>(Files.readAllLines(log()));
    lines.remove(1);
    Files.write(log(), lines);
    assertThat(AuditCheck.of(dir).line()).isEqualTo(2);
  }

  @Test
  void rotationBySizeKeepsOneOldFileAndAnchorsTheNewOneToIt() throws IOException {
    try (AuditTrail trail = new AuditTrail(dir, 2_000)) {
      write(trail, 60);
      assertThat(trail.verify()).isEqualTo(AuditCheck.of(dir));
      assertThat(trail.verify().intact()).isTrue();
    }
    assertThat(Files.size(log())).isLessThanOrEqualTo(2_000);
    assertThat(dir.resolve(AuditTrail.ROTATED)).exists();
    assertThat(Files.readAllLines(log()).get(0)).contains("\"phase\":\"anchor\"", "\"prev\":\"");

    editLine(dir.resolve(AuditTrail.ROTATED), 3, "refresh", "restart");
    AuditCheck check = AuditCheck.of(dir);
    assertThat(check.file()).isEqualTo(AuditTrail.ROTATED);
    assertThat(check.line()).isEqualTo(3);
  }

  @Test
  void aLogFromBeforeTheChainIsMovedAsideAndANewChainBegins() throws IOException {
    Files.writeString(log(), "{\"time\":\"2026-11-30T10:00:00Z\",\"command\":\"restart\"}\n");
    try (AuditTrail trail = new AuditTrail(dir)) {
      write(trail, 1);
      assertThat(trail.verify().intact()).isTrue();
    }
    assertThat(dir.resolve(AuditTrail.UNCHAINED)).content().contains("\"command\":\"restart\"");
    assertThat(Files.readAllLines(log())).hasSize(1);
  }

  @Test
  void theChainIsTheDocumentedHashOfEachLineWithoutItsHash() throws IOException {
    try (AuditTrail trail = new AuditTrail(dir)) {
      write(trail, 1);
    }
    String line = Files.readAllLines(log()).get(0);
    int at = line.lastIndexOf(",\"hash\":\"");
    String body = line.substring(0, at) + "}";
    assertThat(line.substring(at + 9, line.length() - 2))
        .isEqualTo(HashChain.next(HashChain.GENESIS, body));
  }
}
