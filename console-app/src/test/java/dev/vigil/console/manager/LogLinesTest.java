package dev.vigil.console.manager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vigil.common.PrintableText;
import dev.vigil.console.LogCapture;
import dev.vigil.console.RunningConsole;
import dev.vigil.console.manager.api.Operator;
import dev.vigil.console.manager.transport.TcpService;
import dev.vigil.protocol.message.ErrorCode;
import dev.vigil.protocol.message.ErrorMessage;
import dev.vigil.protocol.message.Welcome;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.AbstractStringAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What a peer says reaches the console's log as one line, with its escapes visible. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LogLinesTest {
  /** Clears the screen, retitles the terminal, forges the next line and turns text around. */
  static final String ATTACK =
      "\u001b[2J\u001b]0;owned\u0007web-01\r\n22:10:01.000 INFO  [console] Approved agent db-01"
          + " (SHA256:AAAA)\u202e";

  @RegisterExtension final RunningConsole console = RunningConsole.onLoopback();

  static void isOneEscapedLine(String line) {
    AbstractStringAssert<?> that = assertThat(line);
    that.doesNotContain("\n", "\r", "\u001b", "\u0007", "\u202e");
    that.contains("\\u001b[2J", "\\u000d\\u000a22:10:01.000", "\\u202e");
    assertThat(PrintableText.firstUnprintable(line)).isEqualTo(-1);
  }

  @Test
  void aRoguePeersMessageTypeBeforeHelloIsLoggedEscaped() throws Exception {
    try (LogCapture log = LogCapture.of(TcpService.class);
        TlsPeer rogue = new TlsPeer(console.manager())) {
      String type = ATTACK.replace("\u001b", "\\u001b").replace("\u0007", "\\u0007");
      type = type.replace("\r", "\\r").replace("\n", "\\n").replace("\u202e", "\\u202e");
      rogue.writer.writeFrame(
          ("{\"type\":\"" + type + "\",\"body\":{}}").getBytes(StandardCharsets.UTF_8));
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> log.lines().stream().anyMatch(l -> l.contains("unknown message type")));
      log.lines().stream()
          .filter(l -> l.contains("unknown message type"))
          .forEach(LogLinesTest::isOneEscapedLine);
    }
  }

  @Test
  void anAgentsErrorDetailIsLoggedEscaped() throws Exception {
    String token = console.manager().enroll(Operator.local(), Duration.ofMinutes(5), 1).token();
    try (LogCapture log = LogCapture.named("dev.vigil.console.manager.transport");
        TlsPeer agent = new TlsPeer(console.manager())) {
      assertThat(agent.greet(token)).isInstanceOf(Welcome.class);
      agent.writer.writeMessage(new ErrorMessage(ErrorCode.UNEXPECTED_MESSAGE, ATTACK));
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> log.lines().stream().anyMatch(l -> l.contains("reported an error")));
      log.lines().stream()
          .filter(l -> l.contains("reported an error"))
          .forEach(LogLinesTest::isOneEscapedLine);
    }
  }

  @Test
  void strangersThatFailOverAndOverWriteOneLineNotOneEach() throws Exception {
    try (LogCapture log = LogCapture.of(TcpService.class)) {
      for (int i = 0; i < 30; i++) {
        try (TlsPeer stranger = new TlsPeer(console.manager())) {
          stranger.writer.writeFrame(
              "{\"type\":\"no-such-type\",\"body\":{}}".getBytes(StandardCharsets.UTF_8));
          // the console logs (or counts) first, then answers with an error and closes
          assertThat(stranger.reader.readMessage()).isInstanceOf(ErrorMessage.class);
        }
      }
      long lines = log.lines().stream().filter(l -> l.contains("Closed the session")).count();
      assertThat(lines).isBetween(1L, 4L);
      assertThat(console.manager().info().sessions().refused()).isGreaterThanOrEqualTo(30);
    }
  }

  @Test
  void refusedAgentsAreLoggedOnceAndCountedNotOneLineEach() throws Exception {
    // A swarm redialling with a used-up token wrote one warning per attempt: thousands a minute.
    try (LogCapture log = LogCapture.named("dev.vigil.console.manager.transport")) {
      for (int i = 0; i < 20; i++) {
        try (TlsPeer stranger = new TlsPeer(console.manager())) {
          assertThat(stranger.greet("vgt_not_a_token_" + i)).isInstanceOf(ErrorMessage.class);
        }
      }
      assertThat(log.lines().stream().filter(l -> l.contains("Refused agent"))).hasSize(1);
    }
  }
}
