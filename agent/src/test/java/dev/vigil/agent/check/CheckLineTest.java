package dev.vigil.agent.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CheckLineTest {

  @Test
  void aLineWithoutCommonOptionsRunsEvery30sWithin10sAndChangesAfterThreeRuns() {
    CheckSpec web =
        CheckLine.parse("web", "http http://127.0.0.1:8080/health expect 204 within 2s");
    assertThat(web.type()).isEqualTo(CheckType.HTTP);
    assertThat(web.target()).isEqualTo("http://127.0.0.1:8080/health");
    assertThat(web.options()).containsEntry("expect", "204").containsEntry("within", "2s");
    assertThat(web.every()).isEqualTo(Duration.ofSeconds(30));
    assertThat(web.timeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(web.runs()).isEqualTo(3);
    assertThat(web.ruleName()).isEqualTo("check.web");
  }

  @Test
  void aPluginKeepsItsOwnArgumentsAndQuotedWordsAndTheCommonOptionsComeLast() {
    CheckSpec disk =
        CheckLine.parse(
            "disk",
            "plugin /usr/lib/nagios/plugins/check_disk -w 10% -c '5 %' -p / every 1m for 2");
    assertThat(disk.arguments()).containsExactly("-w", "10%", "-c", "5 %", "-p", "/");
    assertThat(disk.every()).isEqualTo(Duration.ofMinutes(1));
    assertThat(disk.runs()).isEqualTo(2);
    // A plugin argument that happens to be 'for' stays the plugin's when it is not last.
    CheckSpec odd = CheckLine.parse("odd", "plugin /bin/echo for 3 x");
    assertThat(odd.arguments()).containsExactly("for", "3", "x");
    assertThat(odd.runs()).isEqualTo(3);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "web   | ftp example.org:21                  | unknown check type 'ftp'; choose from systemd UNIT",
        "web   | http example.org                    | is not a URL like http://host:port/path",
        "web   | http ftp://example.org/             | the URL must start with http:// or https://",
        "web   | http http://h/ expect teapot        | 'expect' must be a whole number from 1 to 599",
        "web   | http http://h/ within               | 'within' has no value",
        "web   | http http://h/ every 0s             | 'every' must be from 1s to 1d",
        "web   | http http://h/ for 0                | 'for' must be a whole number from 1 to 100",
        "web   | http http://h/ timeout soon         | 'timeout': 'soon' is not a duration",
        "web   | http http://h/ min 2                | 'min' is not an option of http",
        "db    | tcp db.example.org                  | must be HOST:PORT",
        "crt   | cert /etc/ssl/a.pem warn 7d critical 21d | 'critical' must not be longer than 'warn'",
        "app   | process '(unclosed'                 | is not a regular expression",
        "p     | plugin check_dummy 0                | the plugin must be given by its absolute path",
        "Web   | tcp h:1                             | the check's name 'Web' must start with a lower-case letter",
        "web   | plugin /bin/echo 'open              | a quote (') is not closed",
        "web   | ''                                  | give a type and its arguments",
      })
  void mistakesAreOneSentenceThatSaysHowToWriteIt(String name, String line, String expected) {
    assertThatThrownBy(() -> CheckLine.parse(name, line))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(expected);
  }
}
