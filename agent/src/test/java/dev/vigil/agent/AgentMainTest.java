package dev.vigil.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AgentMainTest {

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "--manager nohost                                   | --manager must be HOST:PORT",
        "--manager host:99999                               | --manager port must be a number from 1 to 65535",
        "--manager host:abc                                 | --manager port must be a number",
        "--manager host:1 --cpu-alert=critical              | --cpu-alert: expected 'warning N, critical N, clear N, for Ns' or 'off'",
        "--manager host:1 --stats-interval 0                | --stats-interval must be between",
        "--manager host:1 --stats-interval soon             | Invalid value for option '--stats-interval'",
        "--manager host:1 --frobnicate                      | Unknown option: '--frobnicate'",
        "--manager host:1 --outbox-limit +100               | Invalid value for option '--outbox-limit': '+100' is not a whole number; use the digits 0-9",
        "--manager host:1 --outbox-limit \u0661\u0660\u0660     | Invalid value for option '--outbox-limit': '\u0661\u0660\u0660' is not a whole number",
        "''                                                 | give either --manager HOST:PORT",
        "--manager h:1 --listen 7000                         | give either --manager HOST:PORT",
        "--listen 7000                                      | --listen needs --console-fingerprint",
        "--listen 70000 --insecure                          | --listen port must be a number from 0 to 65535",
        "--manager host:1 --console-fingerprint MD5:abc     | --console-fingerprint: a fingerprint looks like SHA256:",
        "--manager host:1 --insecure --console-fingerprint SHA256:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU | contradict each other",
      })
  void badArgumentsGetASentenceAndExitCodeTwoNeverAStackTrace(String args, String expected) {
    StringWriter err = new StringWriter();
    var cl = AgentMain.commandLine();
    cl.setErr(new PrintWriter(err, true));
    cl.setOut(new PrintWriter(new StringWriter(), true));
    String[] argv = args.isBlank() ? new String[0] : args.trim().split("\\s+");
    int code = cl.execute(argv);
    assertThat(code).isEqualTo(2);
    assertThat(err.toString())
        .contains(expected)
        .contains("--help")
        .doesNotContain("Exception")
        .doesNotContain("\tat ");
  }

  @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir;

  private java.nio.file.Path conf(String text) throws Exception {
    java.nio.file.Path file = dir.resolve("agent.conf");
    java.nio.file.Files.writeString(file, text);
    return file;
  }

  private String errorFor(String... args) {
    StringWriter err = new StringWriter();
    var cl = AgentMain.commandLine();
    cl.setErr(new PrintWriter(err, true));
    cl.setOut(new PrintWriter(new StringWriter(), true));
    assertThat(cl.execute(args)).isNotZero();
    return err.toString();
  }

  @org.junit.jupiter.api.Test
  void badValuesInTheConfigFileAreNamedWithFileLineAndKey() throws Exception {
    java.nio.file.Path file = conf("manager = console:7470\nstats-interval = soon\n");
    assertThat(errorFor("--config", file.toString()))
        .contains(file + " line 2 ('stats-interval')")
        .doesNotContain("\tat ");
    file = conf("manager = console:7470\n\ncpu-alert = critical 50, clear 60\n");
    assertThat(errorFor("--config", file.toString()))
        .contains(
            file + " line 3 ('cpu-alert'): clear (60) must be at or below the lowest trigger (50)");
    file = conf("manager = console:7470\nallow = restart, reboot\n");
    assertThat(errorFor("--config", file.toString()))
        .contains(file + " line 2 ('allow'): unknown command 'reboot'");
    file = conf("manager = console:7470\noutbox-limit = +500\n");
    assertThat(errorFor("--config", file.toString()))
        .contains(file + " line 2 ('outbox-limit')")
        .contains("'+500' is not a whole number; use the digits 0-9");
    file = conf("manger = console:7470\n");
    assertThat(errorFor("--config", file.toString()))
        .contains(file + " line 1: unknown key 'manger' (did you mean 'manager'?)");
  }

  @org.junit.jupiter.api.Test
  void checksComeFromTheConfigFileAndTheCommandLineAndTheirMistakesNameLineAndKey()
      throws Exception {
    java.nio.file.Path file =
        conf(
            "manager = console:7470\ntrust-on-first-use = true\n"
                + "check.web = http http://127.0.0.1:8080/ expect 200 for 2\n"
                + "check.db = tcp 127.0.0.1:5432 every 10s\n");
    var cl = AgentMain.commandLine();
    cl.parseArgs("--config", file.toString(), "--check", "ssh=process sshd min 1");
    AgentConfig config = ((AgentMain) cl.getCommand()).resolve();
    assertThat(config.checks())
        .extracting(dev.vigil.agent.check.CheckSpec::name)
        .containsExactly("web", "db", "ssh");
    assertThat(config.checks().getFirst().runs()).isEqualTo(2);

    file = conf("manager = console:7470\ntrust-on-first-use = true\ncheck.web = http nohost\n");
    assertThat(errorFor("--config", file.toString()))
        .contains(file + " line 3 ('check.web'): 'nohost' is not a URL")
        .doesNotContain("\tat ");
    assertThat(
            errorFor("--manager", "h:1", "--trust-on-first-use", "--check", "db=tcp h:1 every 0s"))
        .contains("--check db: 'every' must be from 1s to 1d");
    file = conf("manager = console:7470\nchecks.web = tcp h:1\n");
    assertThat(errorFor("--config", file.toString()))
        .contains(file + " line 2: unknown key 'checks.web'");
  }

  @org.junit.jupiter.api.Test
  void aListeningPortAloneIsLoopbackAndOtherAddressesMustBeNamed() throws Exception {
    String pin = "SHA256:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU";
    var portOnly = AgentMain.commandLine();
    portOnly.parseArgs("--listen", "7472", "--console-fingerprint", pin);
    // Before: 0.0.0.0, every address of the machine.
    assertThat(((AgentMain) portOnly.getCommand()).resolve().listen())
        .isEqualTo(new java.net.InetSocketAddress("127.0.0.1", 7472));
    var everywhere = AgentMain.commandLine();
    everywhere.parseArgs("--listen", "0.0.0.0:7472", "--console-fingerprint", pin);
    assertThat(((AgentMain) everywhere.getCommand()).resolve().listen())
        .isEqualTo(new java.net.InetSocketAddress("0.0.0.0", 7472));
  }

  @org.junit.jupiter.api.Test
  void theCommandLineOverridesTheConfigFileAndPowerActionsAreOffByDefault() throws Exception {
    java.nio.file.Path file =
        conf(
            "manager = console:7470\nstats-interval = 5\nallow = restart, refresh\ndry-run = true\n"
                + "trust-on-first-use = true\n");
    var cl = AgentMain.commandLine();
    cl.parseArgs("--config", file.toString(), "--stats-interval", "2");
    AgentConfig config = ((AgentMain) cl.getCommand()).resolve();
    assertThat(config.managerHost()).isEqualTo("console");
    assertThat(config.statsInterval()).isEqualTo(java.time.Duration.ofSeconds(2));
    assertThat(config.allowList().wireNames()).containsExactlyInAnyOrder("restart", "refresh");
    assertThat(config.dryRun()).isTrue();

    var defaults = AgentMain.commandLine();
    defaults.parseArgs(
        "--manager",
        "console:7470",
        "--console-fingerprint",
        "SHA256:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU");
    AgentConfig plain = ((AgentMain) defaults.getCommand()).resolve();
    assertThat(plain.allowList().wireNames()).containsExactlyInAnyOrder("refresh", "processes");
    assertThat(plain.dryRun()).isFalse();
  }

  @org.junit.jupiter.api.Test
  void verifyAuditExitsZeroWhenTheChainHoldsAndOneNamingTheLineWhenItDoesNot(
      @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
    try (var trail = new dev.vigil.agent.audit.AuditTrail(dir)) {
      trail.append("outcome", java.util.Map.of("command", "refresh", "detail", "ok"));
      trail.append("outcome", java.util.Map.of("command", "kill", "detail", "killed 4242"));
    }
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    var cl = AgentMain.commandLine();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    assertThat(cl.execute("--verify-audit", "--data-dir", dir.toString())).isZero();
    assertThat(out.toString()).contains("The agent's audit log holds: 2 line(s) checked.");

    java.nio.file.Path log = dir.resolve("audit.log");
    java.nio.file.Files.writeString(
        log, java.nio.file.Files.readString(log).replace("killed 4242", "killed 1"));
    assertThat(cl.execute("--verify-audit", "--data-dir", dir.toString())).isEqualTo(1);
    assertThat(err.toString())
        .contains("audit.log line 2 does not match its hash")
        .doesNotContain("Exception");
  }

  @org.junit.jupiter.api.Test
  void allowServicesAndTagsAreCheckedAndTheirMistakesNameLineAndKey() throws Exception {
    java.nio.file.Path file =
        conf(
            "manager = console:7470\ntrust-on-first-use = true\n"
                + "allow-services = nginx, postgresql@15-main.service\ntags = web, eu-west\n");
    var cl = AgentMain.commandLine();
    cl.parseArgs("--config", file.toString());
    AgentConfig config = ((AgentMain) cl.getCommand()).resolve();
    assertThat(config.allowedServices().units())
        .containsExactly("nginx.service", "postgresql@15-main.service");
    assertThat(config.tags()).containsExactly("web", "eu-west");
    cl = AgentMain.commandLine();
    cl.parseArgs("--manager", "h:1", "--trust-on-first-use", "--tags", "web,prod,rack:4,web");
    config = ((AgentMain) cl.getCommand()).resolve();
    assertThat(config.tags()).containsExactly("web", "prod", "rack:4");
    assertThat(config.allowedServices().units()).isEmpty();

    file = conf("manager = console:7470\ntrust-on-first-use = true\nallow-services = ngin*\n");
    assertThat(errorFor("--config", file.toString()))
        .contains(file + " line 3 ('allow-services'): 'ngin*' is a pattern")
        .doesNotContain("\tat ");
    file = conf("manager = console:7470\ntrust-on-first-use = true\ntags = web, Prod\n");
    assertThat(errorFor("--config", file.toString()))
        .contains(file + " line 3 ('tags'): 'Prod' is not a tag");
    file = conf("manager = console:7470\ntrust-on-first-use = true\nallow = restart-service\n");
    assertThat(errorFor("--config", file.toString()))
        .contains(file + " line 3 ('allow'): restart-service is allowed by naming its units");
    assertThat(errorFor("--manager", "h:1", "--trust-on-first-use", "--allow-services", "-x"))
        .contains("--allow-services: '-x' starts with '-'");
  }

  @org.junit.jupiter.api.Test
  void thePolkitRuleGrantsExactlyTheAllowedUnitsAndPowerActions() throws Exception {
    java.nio.file.Path file =
        conf(
            "manager = console:7470\ntrust-on-first-use = true\nallow = restart\n"
                + "allow-services = nginx, systemd-fsck@dev-x\\x2d1\n");
    StringWriter out = new StringWriter();
    var cl = AgentMain.commandLine();
    cl.setOut(new PrintWriter(out, true));
    assertThat(cl.execute("--config", file.toString(), "--polkit-rule")).isZero();
    assertThat(out.toString())
        .contains("subject.user !== \"vigil\"")
        .contains("\"org.freedesktop.login1.reboot\"")
        .doesNotContain("power-off")
        .contains("var units = [\"nginx.service\", \"systemd-fsck@dev-x\\\\x2d1.service\"];")
        .contains("action.lookup(\"verb\") === \"restart\"");
    file = conf("manager = console:7470\ntrust-on-first-use = true\n");
    out = new StringWriter();
    cl = AgentMain.commandLine();
    cl.setOut(new PrintWriter(out, true));
    assertThat(cl.execute("--config", file.toString(), "--polkit-rule")).isZero();
    assertThat(out.toString()).contains("nothing is granted").doesNotContain("manage-units\" &&");
  }
}
