package dev.vigil.agent.command;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.agent.audit.AuditTrail;
import dev.vigil.protocol.command.AllowList;
import dev.vigil.protocol.command.AllowedServices;
import dev.vigil.protocol.command.Command;
import dev.vigil.protocol.message.CommandRequest;
import dev.vigil.protocol.message.CommandStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * restart-service on the agent: only the units allow-services names, a dry run that says what it
 * would run, and the real path's fixed argv, run against a stand-in {@code systemctl} (systemd is
 * not PID 1 where these tests run). The stand-in's refusal is what systemd 252's systemctl prints
 * when polkit does not let a non-root user restart a unit.
 */
class RestartServiceTest {
  @TempDir Path dir;

  private CommandExecutor executor(HostControl host, String... units) throws Exception {
    Files.createDirectories(dir.resolve("data"));
    return new CommandExecutor(
        AllowList.announced(Set.of("refresh"), "--allow"),
        new AllowedServices(List.of(units), "agent.conf line 9"),
        host,
        () -> {},
        () -> "",
        new AuditTrail(dir.resolve("data")));
  }

  private static CommandRequest restart(String unit) {
    return new CommandRequest("c-" + unit, "restart-service", Map.of("unit", unit));
  }

  /** A stand-in systemctl that writes its arguments, one a line, and exits with {@code code}. */
  private String systemctl(int code, String says) throws Exception {
    Path script = dir.resolve("systemctl");
    Files.writeString(
        script,
        "#!/bin/sh\nprintf '%s\\n' \"$@\" > \""
            + dir.resolve("argv")
            + "\"\n"
            + (says.isEmpty() ? "" : "echo '" + says + "' >&2\n")
            + "exit "
            + code
            + "\n");
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
    return script.toString();
  }

  @Test
  void aUnitNotListedIsRefusedWithTheListAndWhereItWasSetAndAudited() throws Exception {
    CommandExecutor executor = executor(new DryRunHostControl(), "nginx", "postgresql");
    CommandExecutor.Outcome outcome = executor.execute(restart("sshd"), "SHA256:console");
    assertThat(outcome.status()).isEqualTo(CommandStatus.REFUSED);
    assertThat(outcome.detail())
        .isEqualTo(
            "this agent's config does not allow restarting 'sshd.service' (allow-services:"
                + " nginx.service, postgresql.service, set by agent.conf line 9)");
    List<String> audit = Files.readAllLines(dir.resolve("data/audit.log"));
    assertThat(audit)
        .singleElement()
        .asString()
        .contains("\"refused\"", "\"restart-service\"", "\"unit\":\"sshd\"", "REFUSED");
  }

  @Test
  void withoutAllowServicesNothingIsRestartedAndTheCommandIsNotAnnounced() throws Exception {
    CommandExecutor executor = executor(new DryRunHostControl());
    assertThat(executor.allowedCommands()).containsExactly("refresh");
    assertThat(executor.execute(restart("nginx"), "SHA256:c").detail())
        .contains("allow-services: none");
    assertThat(executor(new DryRunHostControl(), "nginx").allowedCommands())
        .containsExactly("restart-service", "refresh");
  }

  @Test
  void aBadUnitNameFailsBeforeAnythingRuns() throws Exception {
    CommandExecutor executor = executor(new DryRunHostControl(), "nginx");
    CommandExecutor.Outcome outcome = executor.execute(restart("nginx*"), "SHA256:c");
    assertThat(outcome.status()).isEqualTo(CommandStatus.FAILED);
    assertThat(outcome.detail()).contains("wildcards are not allowed");
  }

  @Test
  void aDryRunSaysWhatItWouldRunAndIsAuditedBeforeAndAfter() throws Exception {
    CommandExecutor executor = executor(new DryRunHostControl(), "nginx");
    CommandExecutor.Outcome outcome = executor.execute(restart("nginx"), "SHA256:c");
    assertThat(outcome.status()).isEqualTo(CommandStatus.SUCCEEDED);
    assertThat(outcome.detail()).isEqualTo("dry run: would run 'systemctl restart nginx.service'");
    List<String> audit = Files.readAllLines(dir.resolve("data/audit.log"));
    assertThat(audit).hasSize(2);
    assertThat(audit.get(0)).contains("\"intent\"", "restart-service");
    assertThat(audit.get(1)).contains("\"outcome\"", "SUCCEEDED", "dry run: would run");
  }

  @Test
  void theRealPathRunsSystemctlRestartWithTheCanonicalUnitAndNoShell() throws Exception {
    CommandExecutor executor =
        executor(OsHostControl.withSystemctl(systemctl(0, "")), "nginx", "getty@tty1");
    CommandExecutor.Outcome outcome = executor.execute(restart("getty@tty1"), "SHA256:c");
    assertThat(outcome.status()).isEqualTo(CommandStatus.SUCCEEDED);
    assertThat(Files.readAllLines(dir.resolve("argv")))
        .containsExactly("restart", "getty@tty1.service");
    assertThat(outcome.detail()).endsWith(" restart getty@tty1.service'");
  }

  @Test
  void aRestartSystemdRefusesFailsWithItsOwnWords() throws Exception {
    CommandExecutor executor =
        executor(
            OsHostControl.withSystemctl(
                systemctl(
                    1, "Failed to restart nginx.service: Interactive authentication required.")),
            "nginx");
    CommandExecutor.Outcome outcome = executor.execute(restart("nginx.service"), "SHA256:c");
    assertThat(outcome.status()).isEqualTo(CommandStatus.FAILED);
    assertThat(outcome.detail())
        .contains("exited with 1: Failed to restart nginx.service: Interactive authentication");
  }

  @Test
  void restartServiceIsAPowerCommandWithAUnitArgument() {
    assertThat(Command.RESTART_SERVICE.power()).isTrue();
    assertThat(Command.RESTART_SERVICE.takesMachineDown()).isFalse();
    assertThat(Command.RESTART_SERVICE.arguments())
        .extracting(a -> a.key())
        .containsExactly("unit");
  }
}
