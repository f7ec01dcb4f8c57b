package dev.vigil.common;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LogTextTest {
  /** The attack strings: a cleared screen, a new title, a forged line, reversed text. */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "\u001b[2J\u001b[H",
        "\u001b]0;owned\u0007web-01",
        "web-01\r\n22:10:01.000 INFO  [console] Approved agent db-01 (SHA256:AAAA)",
        "web-01\u2028forged",
        "\u202egnp.exe",
        "tab\there"
      })
  void peerTextBecomesOnePrintableLine(String attack) {
    String safe = LogText.of(attack);
    assertThat(PrintableText.firstUnprintable(safe)).isEqualTo(-1);
    assertThat(safe).contains("\\u").doesNotContain("\n", "\r", "\u001b", "\u202e", "\u2028");
  }

  @Test
  void theEscapesShowWhatWasSent() {
    assertThat(LogText.of("a\u001b[2Jb\nc\u202ed")).isEqualTo("a\\u001b[2Jb\\u000ac\\u202ed");
    assertThat(LogText.of("web-01 Grüße 東京")).isEqualTo("web-01 Grüße 東京");
    assertThat(LogText.of(null)).isEqualTo("null");
  }

  @Test
  void longTextIsCutAndSaysHowMuch() {
    String safe = LogText.of("x".repeat(LogText.MAX_CHARS + 50));
    assertThat(safe).startsWith("x".repeat(LogText.MAX_CHARS)).endsWith("(50 more characters)");
  }

  @Test
  void aThrowableWithoutAMessageIsNamed() {
    assertThat(LogText.message(new IllegalStateException())).isEqualTo("IllegalStateException");
    assertThat(LogText.message(new IllegalStateException("bad\nline"))).isEqualTo("bad\\u000aline");
  }
}
