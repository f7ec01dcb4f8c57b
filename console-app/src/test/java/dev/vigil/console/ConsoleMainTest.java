package dev.vigil.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConsoleMainTest {
  @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir;

  private record Run(int code, String out, String err) {}

  private static Run run(String stdin, String... args) {
    PrintStream oldOut = System.out;
    PrintStream oldErr = System.err;
    var oldIn = System.in;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
      int code = ConsoleMain.commandLine().execute(args);
      return new Run(
          code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(oldOut);
      System.setErr(oldErr);
      System.setIn(oldIn);
    }
  }

  @Test
  void headlessPrintsOneLinePerListenerWithTheBoundAddress() {
    Run r =
        run(
            "quit\n",
            "--headless",
            "--tcp-port",
            "0",
            "--udp-port",
            "0",
            "--data-dir",
            dir.toString());
    assertThat(r.code()).isZero();
    assertThat(r.out())
        .containsPattern("Vigil console listening on tcp 127\\.0\\.0\\.1:[1-9][0-9]* \\(agents\\)")
        .containsPattern(
            "Vigil console listening on udp 127\\.0\\.0\\.1:[1-9][0-9]* \\(alert datagrams\\)");
  }

  @Test
  void aTakenPortIsNamedWithWhatToDo() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      Run r =
          run(
              "quit\n",
              "--headless",
              "--tcp-port",
              String.valueOf(taken.getLocalPort()),
              "--udp-port",
              "0",
              "--data-dir",
              dir.toString());
      assertThat(r.code()).isEqualTo(1);
      assertThat(r.err())
          .contains("TCP port " + taken.getLocalPort())
          .contains("already in use")
          .contains("--tcp-port")
          .doesNotContain("Exception");
    }
  }

  @Test
  void badOptionsGetASentenceAndExitCodeTwo() {
    Run r = run("", "--tcp-port", "70000", "--headless");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err())
        .contains("--tcp-port must be from 0 to 65535")
        .contains("--help")
        .doesNotContain("\tat ");
    // Integer.parseInt would take both: a '+' and Arabic-Indic digits
    for (String port : new String[] {"+7471", "\u0667\u0664\u0667\u0661", "7471 "}) {
      Run strict = run("", "--tcp-port", port, "--headless");
      assertThat(strict.code()).as(port).isEqualTo(2);
      assertThat(strict.err())
          .contains("Invalid value for option '--tcp-port': '" + port + "' is not a whole number")
          .doesNotContain("\tat ");
    }
    Run retention = run("", "--headless", "--alert-retention", "10m");
    assertThat(retention.code()).isEqualTo(2);
    assertThat(retention.err()).contains("--alert-retention must be at least 1h");
    Run rate = run("", "--headless", "--alert-rate-limit", "0");
    assertThat(rate.code()).isEqualTo(2);
    assertThat(rate.err()).contains("--alert-rate-limit must be from 1 to 100000");
    Run unknown = run("", "--colour", "blue");
    assertThat(unknown.code()).isEqualTo(2);
    assertThat(unknown.err()).contains("Unknown option");
    // #17: a mistyped option gets the one it was meant to be
    Run typo = run("", "--tcp-prot", "7470");
    assertThat(typo.code()).isEqualTo(2);
    assertThat(typo.err()).contains("Did you mean --tcp-port");
  }

  @Test
  void operatorAndMetricsPortsOutOfRangeAreRefusedWithTheOptionNamedAsTheManagerDoes() {
    // #18: the console's copy of the manager's options checked only --tcp-port and --udp-port;
    // 70000 reached the listener and failed with exit code 1 and "port out of range:70000".
    for (String option : new String[] {"--operator-port", "--metrics-port"}) {
      Run r = run("", "--headless", option, "70000", "--data-dir", dir.toString());
      assertThat(r.code()).as(option).isEqualTo(2);
      assertThat(r.err())
          .as(option)
          .contains(option + " must be from 0 to 65535 (0 picks a free one; leave it out for none)")
          .contains("got 70000")
          .doesNotContain("\tat ", "Exception");
    }
    Run negative = run("", "--headless", "--metrics-port", "-5", "--data-dir", dir.toString());
    assertThat(negative.code()).isEqualTo(2);
    assertThat(negative.err()).contains("--metrics-port must be from 0 to 65535");
    Run heartbeat = run("", "--headless", "--heartbeat", "0", "--data-dir", dir.toString());
    assertThat(heartbeat.code()).isEqualTo(2);
    assertThat(heartbeat.err()).contains("--heartbeat must be from 1 to 3600 seconds, got 0");
  }

  @Test
  void everyManagerOptionIsAConsoleOptionWithTheSameHelpAndDefault() {
    var console = ConsoleMain.commandLine().getCommandSpec();
    var manager = ManagerMain.commandLine().getCommandSpec();
    var shared =
        manager.options().stream()
            .filter(
                o ->
                    !List.of("--config", "--log-file", "--help", "--version")
                        .contains(o.longestName()))
            .toList();
    assertThat(shared).hasSizeGreaterThanOrEqualTo(19);
    for (var option : shared) {
      var same = console.findOption(option.longestName());
      assertThat(same).as(option.longestName()).isNotNull();
      assertThat(same.description()).as(option.longestName()).isEqualTo(option.description());
      assertThat(same.defaultValueString())
          .as(option.longestName())
          .isEqualTo(option.defaultValueString());
    }
  }
}
