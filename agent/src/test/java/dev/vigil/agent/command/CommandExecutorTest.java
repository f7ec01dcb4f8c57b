package dev.vigil.agent.command;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.protocol.CommandRequest;
import dev.vigil.protocol.CommandResult;
import dev.vigil.protocol.CommandStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommandExecutorTest {
  @TempDir Path dir;

  @Test
  void restartIsADryRunByDefaultAndRunsNothing() {
    Path marker = dir.resolve("restarted");
    CommandExecutor executor = new CommandExecutor(false, List.of("touch", marker.toString()));
    CommandResult result = executor.execute(new CommandRequest("c1", "restart", Map.of()));
    assertThat(result.status()).isEqualTo(CommandStatus.SUCCEEDED);
    assertThat(result.detail()).isEqualTo("dry run: would run 'touch " + marker + "'");
    assertThat(marker).doesNotExist();
  }

  @Test
  void aRealRestartRunsTheConfiguredCommandLine() {
    Path marker = dir.resolve("restarted");
    CommandExecutor executor = new CommandExecutor(true, List.of("touch", marker.toString()));
    CommandResult result = executor.execute(new CommandRequest("c2", "restart", Map.of()));
    assertThat(result.status()).isEqualTo(CommandStatus.SUCCEEDED);
    assertThat(Files.exists(marker)).isTrue();
  }

  @Test
  void aFailingRestartIsReportedWithItsExitCode() {
    CommandExecutor executor = new CommandExecutor(true, List.of("false"));
    CommandResult result = executor.execute(new CommandRequest("c3", "restart", Map.of()));
    assertThat(result.status()).isEqualTo(CommandStatus.FAILED);
    assertThat(result.detail()).contains("exited with 1");
  }

  @Test
  void commandsThisAgentDoesNotKnowAreRefused() {
    CommandExecutor executor = new CommandExecutor(true, List.of("true"));
    CommandResult result = executor.execute(new CommandRequest("c4", "shutdown", Map.of()));
    assertThat(result.status()).isEqualTo(CommandStatus.REFUSED);
    assertThat(result.detail()).contains("does not allow 'shutdown'");
  }
}
