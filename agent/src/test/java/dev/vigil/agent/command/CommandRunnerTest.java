package dev.vigil.agent.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vigil.agent.outbox.Outbox;
import dev.vigil.agent.outbox.OutboxHandover;
import dev.vigil.protocol.command.AllowList;
import dev.vigil.protocol.command.Command;
import dev.vigil.protocol.message.CommandRequest;
import dev.vigil.protocol.message.CommandResult;
import dev.vigil.protocol.message.CommandStatus;
import dev.vigil.protocol.session.ConsoleSession;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the agent answers, in which order, and what a restart it accepted leaves for its next start.
 * No session is open: every result waits in the outbox, as when the machine goes down.
 */
class CommandRunnerTest {
  @TempDir Path dir;

  /** A machine whose power commands are under way when they return; the test boots it. */
  private static final class Machine implements HostControl {
    final AtomicReference<Instant> bootTime =
        new AtomicReference<>(Instant.now().minus(Duration.ofHours(5)));
    final boolean pretends;

    Machine(boolean pretends) {
      this.pretends = pretends;
    }

    @Override
    public String restart() {
      return "ran 'systemctl reboot'";
    }

    @Override
    public String shutdown() throws CommandFailedException {
      throw new CommandFailedException("'systemctl poweroff' exited with 1");
    }

    @Override
    public String restartService(String unit) {
      return "ran 'systemctl restart " + unit + "'";
    }

    @Override
    public String kill(long pid) {
      return "asked process " + pid + " to terminate";
    }

    @Override
    public Optional<Instant> bootTime() {
      return Optional.of(bootTime.get());
    }

    @Override
    public boolean pretends() {
      return pretends;
    }
  }

  private final ConsoleSession from =
      ConsoleSession.overStream(UUID.randomUUID(), new ByteArrayOutputStream(), 5);

  /** One run of the agent on {@link #dir}: its outbox and its runner. */
  private final class Run implements AutoCloseable {
    final Outbox outbox;
    final CommandRunner runner;

    Run(HostControl machine) throws IOException {
      outbox = new Outbox(dir, 100);
      CommandExecutor executor =
          new CommandExecutor(
              new AllowList(Set.of(Command.values()), "--allow"),
              machine,
              () -> {},
              () -> "PID NAME",
              new dev.vigil.agent.audit.AuditTrail(dir));
      runner =
          new CommandRunner(
              executor, new OutboxHandover(outbox), new PowerCommandJournal(dir, machine));
      runner.finishPowerCommands();
    }

    List<CommandStatus> statuses(String commandId) {
      return results(commandId).stream().map(CommandResult::status).toList();
    }

    List<CommandResult> results(String commandId) {
      return outbox.pending().stream()
          .filter(CommandResult.class::isInstance)
          .map(CommandResult.class::cast)
          .filter(r -> r.commandId().equals(commandId))
          .toList();
    }

    void runs(String commandId, String command, Map<String, String> arguments, int results) {
      runner.submit(new CommandRequest(commandId, command, arguments), from);
      await().atMost(Duration.ofSeconds(10)).until(() -> results(commandId).size() >= results);
    }

    @Override
    public void close() {
      runner.close();
    }
  }

  private List<Path> journalFiles() throws IOException {
    try (var files = Files.list(dir.resolve("power-commands"))) {
      return files.toList();
    }
  }

  /** Waits until the runner is done with a command: its audit line is written last. */
  private void awaitAudited(String commandId) {
    await()
        .atMost(Duration.ofSeconds(10))
        .ignoreExceptions()
        .until(() -> Files.readString(dir.resolve("audit.log")).contains(commandId));
  }

  @Test
  void anUnknownCommandIsRefusedAndAKillOfPidOneFailsNeitherAccepted() throws Exception {
    try (Run run = new Run(new Machine(false))) {
      run.runs("c-1", "format_disk", Map.of(), 1);
      run.runs("c-2", "kill", Map.of("pid", "1"), 1);
      run.runs("c-3", "kill", Map.of("pid", "4242"), 2);
      assertThat(run.statuses("c-1")).containsExactly(CommandStatus.REFUSED);
      assertThat(run.statuses("c-2")).containsExactly(CommandStatus.FAILED);
      assertThat(run.results("c-2").getFirst().detail()).isEqualTo("kill refuses PID 1");
      assertThat(run.statuses("c-3"))
          .containsExactly(CommandStatus.ACCEPTED, CommandStatus.SUCCEEDED);
    }
  }

  @Test
  void aRestartThatRanSendsOnlyAcceptedAndItsNextStartSendsSucceeded() throws Exception {
    Machine machine = new Machine(false);
    try (Run before = new Run(machine)) {
      before.runs("c-r", "restart", Map.of(), 1);
      awaitAudited("c-r");
      assertThat(journalFiles()).hasSize(1);
      assertThat(before.statuses("c-r")).containsExactly(CommandStatus.ACCEPTED);
    }
    machine.bootTime.set(Instant.now());
    try (Run after = new Run(machine)) {
      assertThat(after.statuses("c-r"))
          .containsExactly(CommandStatus.ACCEPTED, CommandStatus.SUCCEEDED);
      assertThat(after.results("c-r").getLast().detail())
          .startsWith("the machine restarted (booted at ")
          .endsWith("); the agent is back");
    }
    assertThat(journalFiles()).isEmpty();
    try (Run again = new Run(machine)) {
      assertThat(again.statuses("c-r")).hasSize(2); // sent once, not on every start
    }
  }

  @Test
  void anAgentThatStartsAgainWithoutTheMachineRebootingSaysTheRestartFailed() throws Exception {
    Machine machine = new Machine(false);
    try (Run before = new Run(machine)) {
      before.runs("c-r", "restart", Map.of(), 1);
      awaitAudited("c-r");
      assertThat(journalFiles()).hasSize(1);
    }
    try (Run after = new Run(machine)) {
      assertThat(after.results("c-r").getLast().status()).isEqualTo(CommandStatus.FAILED);
      assertThat(after.results("c-r").getLast().detail())
          .startsWith("the agent started again, but the machine did not restart (up since ");
    }
  }

  @Test
  void aPowerCommandThatCouldNotRunFailsAtOnceAndLeavesNothingForTheNextStart() throws Exception {
    try (Run run = new Run(new Machine(false))) {
      run.runs("c-s", "shutdown", Map.of(), 2);
      assertThat(run.statuses("c-s")).containsExactly(CommandStatus.ACCEPTED, CommandStatus.FAILED);
    }
    assertThat(journalFiles()).isEmpty();
  }

  @Test
  void aDryRunRestartIsFinalAtOnce() throws Exception {
    try (Run run = new Run(new Machine(true))) {
      run.runs("c-r", "restart", Map.of(), 2);
      assertThat(run.statuses("c-r"))
          .containsExactly(CommandStatus.ACCEPTED, CommandStatus.SUCCEEDED);
    }
    assertThat(journalFiles()).isEmpty();
  }
}
