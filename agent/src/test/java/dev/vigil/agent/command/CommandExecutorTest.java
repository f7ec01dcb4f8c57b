package dev.vigil.agent.command;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.protocol.command.AllowList;
import dev.vigil.protocol.command.Command;
import dev.vigil.protocol.message.CommandRequest;
import dev.vigil.protocol.message.CommandStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CommandExecutorTest {
  @TempDir Path dir;
  private final AtomicInteger refreshes = new AtomicInteger();

  private CommandExecutor executor(Set<String> allowed, HostControl host) {
    return new CommandExecutor(
        AllowList.announced(allowed, "--allow"),
        host,
        refreshes::incrementAndGet,
        () -> "PID NAME",
        trail());
  }

  private dev.vigil.agent.audit.AuditTrail trail() {
    try {
      return new dev.vigil.agent.audit.AuditTrail(dir);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static CommandRequest request(String command, Map<String, String> args) {
    return new CommandRequest("c-" + command, command, args);
  }

  /** A host control that records what it was asked and never touches the machine. */
  private static class Recording implements HostControl {
    final List<String> calls = new java.util.ArrayList<>();

    @Override
    public String restart() {
      calls.add("restart");
      return "restarted";
    }

    @Override
    public String shutdown() {
      calls.add("shutdown");
      return "powered off";
    }

    @Override
    public java.util.Optional<java.time.Instant> bootTime() {
      return java.util.Optional.empty();
    }

    @Override
    public String restartService(String unit) {
      calls.add("restart-service " + unit);
      return "restarted " + unit;
    }

    @Override
    public String kill(long pid) {
      calls.add("kill " + pid);
      return "killed " + pid;
    }
  }

  private static Set<String> wireNames(Set<Command> commands) {
    return commands.stream().map(Command::wireName).collect(java.util.stream.Collectors.toSet());
  }

  @Test
  void aRefusedCommandsIdIsLoggedAsOneEscapedLine() {
    ch.qos.logback.classic.Logger log =
        (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(CommandExecutor.class);
    ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> said =
        new ch.qos.logback.core.read.ListAppender<>();
    said.start();
    log.addAppender(said);
    try {
      String id = "c1\u001b[2J\r\n22:10:01 INFO Approved agent db-01\u202e";
      executor(Set.of("refresh"), new Recording())
          .execute(new CommandRequest(id, "shutdown", Map.of()), "SHA256:c");
    } finally {
      log.detachAppender(said);
    }
    assertThat(said.list.stream().map(e -> e.getFormattedMessage()))
        .filteredOn(l -> l.startsWith("Refused command 'shutdown'"))
        .singleElement()
        .asString()
        .doesNotContain("\n", "\r", "\u001b", "\u202e")
        .contains("c1\\u001b[2J\\u000d\\u000a22:10:01", "\\u202e");
  }

  @Test
  void killRefusesPidOneAndNonAsciiDigits() {
    CommandExecutor executor = executor(Set.of("kill"), new Recording());
    assertThat(executor.execute(request("kill", Map.of("pid", "1")), "SHA256:c").detail())
        .isEqualTo("kill refuses PID 1");
    assertThat(executor.execute(request("kill", Map.of("pid", "+42")), "SHA256:c").status())
        .isEqualTo(CommandStatus.FAILED);
    assertThat(
            executor.execute(request("kill", Map.of("pid", "\u0664\u0662")), "SHA256:c").status())
        .isEqualTo(CommandStatus.FAILED);
    assertThat(executor.execute(request("kill", Map.of()), "SHA256:c").detail())
        .isEqualTo("kill needs a 'pid' argument");
  }

  @ParameterizedTest
  @ValueSource(strings = {"restart", "shutdown", "kill"})
  void powerAndKillCommandsAreRefusedByDefault(String command) {
    Recording host = new Recording();
    CommandExecutor.Outcome result =
        executor(wireNames(Command.DEFAULT_ALLOWED), host)
            .execute(request(command, Map.of("pid", "4242")), "SHA256:console");
    assertThat(result.status()).isEqualTo(CommandStatus.REFUSED);
    assertThat(result.detail()).contains("does not allow '" + command + "'").contains("--allow");
    assertThat(host.calls).isEmpty();
  }

  @Test
  void anAllowedCommandRuns() {
    Recording host = new Recording();
    CommandExecutor executor = executor(Set.of("restart", "kill"), host);
    assertThat(executor.execute(request("restart", Map.of()), "SHA256:c").status())
        .isEqualTo(CommandStatus.SUCCEEDED);
    assertThat(executor.execute(request("kill", Map.of("pid", "4242")), "SHA256:c").detail())
        .isEqualTo("killed 4242");
    assertThat(host.calls).containsExactly("restart", "kill 4242");
  }

  @Test
  void readOnlyCommandsAreAllowedByDefault() {
    CommandExecutor executor = executor(wireNames(Command.DEFAULT_ALLOWED), new Recording());
    assertThat(executor.execute(request("refresh", Map.of()), "SHA256:c").status())
        .isEqualTo(CommandStatus.SUCCEEDED);
    assertThat(refreshes).hasValue(1);
    assertThat(executor.execute(request("processes", Map.of()), "SHA256:c").detail())
        .isEqualTo("PID NAME");
  }

  @Test
  void anEmptyAllowListRefusesEverything() {
    CommandExecutor executor = executor(Set.of(), new Recording());
    for (String command : wireNames(Set.of(Command.values()))) {
      assertThat(executor.execute(request(command, Map.of()), "SHA256:c").status())
          .as(command)
          .isEqualTo(CommandStatus.REFUSED);
    }
    assertThat(executor.allowedCommands()).isEmpty();
  }

  @Test
  void unknownCommandsAreRefused() {
    CommandExecutor.Outcome result =
        executor(wireNames(Set.of(Command.values())), new Recording())
            .execute(request("format_disk", Map.of()), "SHA256:c");
    assertThat(result.status()).isEqualTo(CommandStatus.REFUSED);
  }

  @Test
  void killNeedsAValidPid() {
    CommandExecutor executor = executor(Set.of("kill"), new Recording());
    assertThat(executor.execute(request("kill", Map.of()), "SHA256:c").status())
        .isEqualTo(CommandStatus.FAILED);
    assertThat(executor.execute(request("kill", Map.of("pid", "abc")), "SHA256:c").detail())
        .contains("not a process id");
    assertThat(executor.execute(request("kill", Map.of("pid", "1")), "SHA256:c").detail())
        .contains("refuses PID 1");
  }

  @Test
  void everyCommandRunOrRefusedIsAudited() throws Exception {
    CommandExecutor executor = executor(Set.of("refresh"), new Recording());
    executor.execute(request("refresh", Map.of()), "SHA256:console-a");
    executor.execute(request("restart", Map.of()), "SHA256:console-b");
    executor.execute(request("no-such-command", Map.of()), "SHA256:console-c");
    List<String> lines = Files.readAllLines(dir.resolve("audit.log"));
    assertThat(lines).hasSize(4);
    assertThat(lines.get(0))
        .contains("\"phase\":\"intent\"", "\"command\":\"refresh\"")
        .contains("\"issuer\":\"SHA256:console-a\"")
        .doesNotContain("outcome");
    assertThat(lines.get(1))
        .contains("\"phase\":\"outcome\"", "\"command\":\"refresh\"")
        .contains("\"outcome\":\"SUCCEEDED\"");
    assertThat(lines.get(2))
        .contains("\"phase\":\"refused\"", "\"command\":\"restart\"")
        .contains("\"outcome\":\"REFUSED\"");
    assertThat(lines.get(3)).contains("\"command\":\"no-such-command\"", "\"REFUSED\"");
    assertThat(dev.vigil.agent.audit.AuditCheck.of(dir).intact()).isTrue();
  }

  @Test
  void theIntentIsOnDiskBeforeTheCommandRunsAndTheOutcomeAfter() throws Exception {
    List<String> seenWhileRunning = new java.util.ArrayList<>();
    HostControl machine =
        new Recording() {
          @Override
          public String restart() {
            try {
              seenWhileRunning.addAll(Files.readAllLines(dir.resolve("audit.log")));
            } catch (java.io.IOException e) {
              throw new java.io.UncheckedIOException(e);
            }
            return "restarted";
          }
        };
    executor(Set.of("restart"), machine).execute(request("restart", Map.of()), "SHA256:c");
    assertThat(seenWhileRunning)
        .singleElement()
        .satisfies(
            l -> assertThat(l).contains("\"phase\":\"intent\"", "\"commandId\":\"c-restart\""));
    assertThat(Files.readAllLines(dir.resolve("audit.log")))
        .hasSize(2)
        .last()
        .satisfies(l -> assertThat(l).contains("\"phase\":\"outcome\"", "\"SUCCEEDED\""));
  }

  @Test
  void aCommandWhoseIntentCannotBeAuditedDoesNotRun() throws Exception {
    Recording machine = new Recording();
    dev.vigil.agent.audit.AuditTrail trail = new dev.vigil.agent.audit.AuditTrail(dir);
    CommandExecutor executor =
        new CommandExecutor(
            AllowList.announced(Set.of("restart"), "--allow"), machine, () -> {}, () -> "", trail);
    trail.close(); // nothing can be written to it any more
    CommandExecutor.Outcome outcome = executor.execute(request("restart", Map.of()), "SHA256:c");
    assertThat(outcome.status()).isEqualTo(CommandStatus.FAILED);
    assertThat(outcome.detail()).contains("did not run it", "cannot write its audit log");
    assertThat(machine.calls).isEmpty();
  }

  @Test
  void aDryRunSaysWhatItWouldRunAndRunsNothing() throws Exception {
    Path marker = dir.resolve("restarted");
    HostControl dry = new DryRunHostControl(List.of("touch", marker.toString()), List.of("true"));
    CommandExecutor.Outcome result =
        executor(Set.of("restart"), dry).execute(request("restart", Map.of()), "SHA256:c");
    assertThat(result.detail()).isEqualTo("dry run: would run 'touch " + marker + "'");
    assertThat(marker).doesNotExist();
  }

  @Test
  void theRealControlRunsTheCommandLineAndReportsFailures() throws Exception {
    Path marker = dir.resolve("restarted");
    HostControl real =
        new OsHostControl(
            new OsHostControl.PowerCommands(List.of("touch", marker.toString()), List.of("false")),
            java.util.Optional::empty);
    assertThat(real.restart()).isEqualTo("ran 'touch " + marker + "'");
    assertThat(marker).exists();
    org.assertj.core.api.Assertions.assertThatThrownBy(real::shutdown)
        .isInstanceOf(CommandFailedException.class)
        .hasMessageContaining("exited with 1");
  }

  @Test
  void theRealControlKillsAProcess() throws Exception {
    Process sleeper = new ProcessBuilder("sleep", "60").start();
    try {
      String detail = new OsHostControl(java.util.Optional::empty).kill(sleeper.pid());
      assertThat(detail).contains(String.valueOf(sleeper.pid()));
      assertThat(sleeper.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
    } finally {
      sleeper.destroyForcibly();
    }
  }
}
