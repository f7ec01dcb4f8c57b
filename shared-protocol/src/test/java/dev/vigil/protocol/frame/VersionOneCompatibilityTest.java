package dev.vigil.protocol.frame;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.protocol.Protocol;
import dev.vigil.protocol.message.Hello;
import dev.vigil.protocol.message.Pending;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Peers of protocol version 1 from before {@code hello.statsIntervalMillis} and {@code
 * pending.heartbeatSeconds} were added still interoperate: their frames decode with the defaults,
 * and the new fields are ones an old peer's decoder ignores.
 */
class VersionOneCompatibilityTest {
  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void anOldAgentsHelloIsTakenAsReportingEverySecond() throws Exception {
    Hello hello =
        (Hello)
            MessageCodec.decode(
                utf8(
                    """
                    {"type":"hello","body":{"protocolVersion":1,\
                    "agentId":"0f8fad5b-d9cb-469f-a165-70867728950e","hostname":"web-01",\
                    "os":"Linux","agentVersion":"0.1.0","allowedCommands":["refresh"]}}"""));
    assertThat(hello.statsIntervalMillis()).isNull();
    assertThat(hello.statsIntervalOrDefault()).isEqualTo(1_000);
  }

  @Test
  void anOldConsolesPendingMeansTheDefaultHeartbeat() throws Exception {
    Pending pending =
        (Pending)
            MessageCodec.decode(
                utf8(
                    """
                    {"type":"pending","body":{"agentFingerprint":"SHA256:abc",\
                    "detail":"waiting"}}"""));
    assertThat(pending.heartbeatSecondsOrDefault()).isEqualTo(Protocol.DEFAULT_HEARTBEAT_SECONDS);
  }

  @Test
  void theNewFieldsTravelAndComeBack() throws Exception {
    Hello hello =
        new Hello(
            1,
            "0f8fad5b-d9cb-469f-a165-70867728950e",
            "web-01",
            "Linux",
            "0.1.0",
            java.util.List.of(),
            null,
            10_000L);
    assertThat(new String(MessageCodec.encode(hello), StandardCharsets.UTF_8))
        .contains("\"statsIntervalMillis\":10000");
    assertThat(((Hello) MessageCodec.decode(MessageCodec.encode(hello))).statsIntervalMillis())
        .isEqualTo(10_000L);
    Pending pending = new Pending("SHA256:abc", "waiting", 1);
    assertThat(((Pending) MessageCodec.decode(MessageCodec.encode(pending))).heartbeatSeconds())
        .isEqualTo(1);
  }
}
