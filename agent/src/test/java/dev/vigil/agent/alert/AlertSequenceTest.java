package dev.vigil.agent.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AlertSequenceTest {
  @TempDir Path dir;

  @Test
  void sequencesKeepIncreasingAcrossRestarts() throws IOException {
    AlertSequence first = new AlertSequence(dir);
    assertThat(first.next()).isEqualTo(1);
    assertThat(first.next()).isEqualTo(2);
    AlertSequence afterRestart = new AlertSequence(dir);
    assertThat(afterRestart.next()).isEqualTo(3);
  }

  @Test
  void aDamagedFileIsReportedWithWhatToDo() throws IOException {
    Files.writeString(dir.resolve("alert-sequence"), "garbage");
    assertThatThrownBy(() -> new AlertSequence(dir))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("delete it");
  }
}
