package dev.vigil.common.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

class CliTest {
  @CommandLine.Command(name = "probe")
  static final class Probe implements Runnable {
    @CommandLine.Option(names = "--count")
    int count;

    @CommandLine.Option(names = "--bytes")
    Long bytes;

    @Override
    public void run() {}
  }

  private static String refusal(String... args) {
    StringWriter err = new StringWriter();
    CommandLine cl = Cli.of(new Probe(), "probe", "probe");
    cl.setErr(new PrintWriter(err, true));
    assertThat(cl.execute(args)).isEqualTo(2);
    return err.toString();
  }

  /** '+', other scripts' digits, full-width digits, spaces, and overflow. */
  @ParameterizedTest
  @ValueSource(strings = {"+5", "\u0665", "\uff15", " 5", "5 ", "0x10", "1e3", "", "-"})
  void onlyAsciiDigitsAreANumber(String word) {
    assertThat(refusal("--count", word))
        .contains("Invalid value for option '--count': '")
        .contains("' is not a whole number; use the digits 0-9")
        .doesNotContain("Exception");
  }

  @Test
  void aNumberOutOfRangeIsSaidSo() {
    assertThat(refusal("--count", "2147483648")).contains("'2147483648' is outside");
    assertThat(refusal("--bytes", "1234567890123456789012")).contains("is not a whole number");
  }

  @Test
  void plainNumbersStillRead() {
    Probe probe = new Probe();
    Cli.of(probe, "probe", "probe").parseArgs("--count", "-1", "--bytes", "9000000000");
    assertThat(probe.count).isEqualTo(-1);
    assertThat(probe.bytes).isEqualTo(9_000_000_000L);
  }
}
