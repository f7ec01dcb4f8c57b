package dev.vigil.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.console.manager.ManagerConfig;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code vigil manager}'s options and its config file, without starting a manager. */
class ManagerMainTest {
  @TempDir Path dir;

  private record Run(int code, String out, String err) {}

  /** Runs the command to its end: only for arguments that fail before the manager starts. */
  private static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cl = ManagerMain.commandLine();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    int code = cl.execute(args);
    return new Run(code, out.toString(), err.toString());
  }

  private Path conf(String text) throws Exception {
    Path file = dir.resolve("manager.conf");
    Files.writeString(file, text, StandardCharsets.UTF_8);
    return file;
  }

  private static ManagerMain.Resolved resolve(String... args) throws Exception {
    CommandLine cl = ManagerMain.commandLine();
    cl.parseArgs(args);
    return ((ManagerMain) cl.getCommand()).resolve();
  }

  @Test
  void theFilesSettingsApplyAndTheCommandLineWins() throws Exception {
    Path file =
        conf(
            "# a server\n"
                + "data-dir = "
                + dir.resolve("state")
                + "\nbind = 0.0.0.0\ntcp-port = 7480\nudp-port = 7481\noperator-port = 7482\n"
                + "metrics-port = 9470\nalert-retention = 30d\nalert-rate-limit = 20\n"
                + "history-retention = 7d\nlog-file = "
                + dir.resolve("manager.log")
                + "\n");
    ManagerMain.Resolved r = resolve("--config", file.toString(), "--tcp-port", "0");
    ManagerConfig c = r.config();
    assertThat(c.dataDir()).isEqualTo(dir.resolve("state"));
    assertThat(c.bindAddress()).isEqualTo("0.0.0.0");
    assertThat(c.tcpPort()).isZero(); // the command line's
    assertThat(c.udpPort()).isEqualTo(7481);
    assertThat(c.operatorPort()).isEqualTo(7482);
    assertThat(c.metricsPort()).isEqualTo(9470);
    assertThat(c.retention().alerts()).isEqualTo(Duration.ofDays(30));
    assertThat(c.retention().alertsPerMinute()).isEqualTo(20);
    assertThat(c.historyRetention()).isEqualTo(Duration.ofDays(7));
    assertThat(r.logFile()).isEqualTo(dir.resolve("manager.log"));
  }

  @Test
  void withoutAFileTheOperatorChannelAndMetricsAreOffAndPortsAreTheDefaults() throws Exception {
    ManagerConfig c = resolve("--data-dir", dir.toString()).config();
    assertThat(c.operatorPort()).isEqualTo(-1);
    assertThat(c.metricsPort()).isEqualTo(-1);
    assertThat(c.tcpPort()).isEqualTo(7470);
    assertThat(c.udpPort()).isEqualTo(7471);
    assertThat(c.keepPorts()).isFalse();
  }

  @Test
  void anUnknownKeyNamesTheFileTheLineAndTheKeyItWasMeantToBeAndExitsWith2() throws Exception {
    Path file = conf("bind = 127.0.0.1\n\n# ports\n\n\n\ntcp_prot = 7470\n");
    Run r = run("--config", file.toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err())
        .contains(
            "vigil manager: "
                + file
                + " line 7: unknown key 'tcp_prot' (did you mean 'tcp-port'?); docs/manager.md"
                + " lists every key")
        .doesNotContain("Exception", "\tat ");
  }

  @Test
  void aBadValueNamesTheFileTheLineTheKeyAndWhatIsExpected() throws Exception {
    Path file = conf("tcp-port = 7470\nudp-port = 70000\n");
    Run r = run("--config", file.toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err())
        .contains(file + " line 2 ('udp-port'): must be from 0 to 65535, got 70000")
        .doesNotContain("Exception");

    Run word = run("--config", conf("metrics-port = nine\n").toString());
    assertThat(word.code()).isEqualTo(2);
    assertThat(word.err()).contains(file + " line 1 ('metrics-port'): ");

    Run retention = run("--config", conf("\nalert-retention = 5m\n").toString());
    assertThat(retention.code()).isEqualTo(2);
    assertThat(retention.err()).contains(file + " line 2 ('alert-retention'): must be at least 1h");

    Run twice = run("--config", conf("bind = a\nbind = b\n").toString());
    assertThat(twice.code()).isEqualTo(2);
    assertThat(twice.err()).contains(file + " line 2: 'bind' is already set on line 1");
  }

  @Test
  void aBadValueOnTheCommandLineNamesTheOption() {
    Run r = run("--operator-port", "65536", "--data-dir", dir.toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("--operator-port must be from 0 to 65535");
    assertThat(run("--heartbeat", "0").err()).contains("--heartbeat must be from 1 to 3600");
  }

  @Test
  void aBadNotificationsFileNamesItsLineAndKeyAndExitsWith2() throws Exception {
    Path notifications = dir.resolve("notifications.conf");
    Files.writeString(notifications, "channel.hook.type = webhook\nchannel.hook.url = ftp://x/\n");
    Run r = run("--config", conf("notifications = " + notifications + "\n").toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err())
        .contains(
            notifications
                + " line 2 ('channel.hook.url'): must be an http:// or https:// URL with a host")
        .doesNotContain("Exception");
    Run quick =
        run("--webhook", "mailto:ops@example.com", "--data-dir", dir.resolve("d").toString());
    assertThat(quick.code()).isEqualTo(2);
    assertThat(quick.err())
        .contains("--webhook ('channel.webhook.url'): must be an http:// or https:// URL");
  }

  @Test
  void aMissingConfigFileIsOneSentence() {
    Run r = run("--config", dir.resolve("nope.conf").toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("nope.conf: no such file").doesNotContain("Exception");
  }

  @Test
  void helpNamesEveryListenerOptionAndTheExitCodes() {
    Run r = run("--help");
    assertThat(r.code()).isZero();
    assertThat(r.out())
        .contains(
            "--config",
            "--data-dir",
            "--bind",
            "--tcp-port",
            "--udp-port",
            "--operator-port",
            "--metrics-port",
            "--log-file",
            "0   stopped by SIGTERM or Ctrl-C",
            "2   bad options or config values");
  }
}
