package dev.vigil.protocol.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.protocol.frame.MessageCodec;
import dev.vigil.protocol.frame.ProtocolException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Text a peer names itself with reaches the operator's terminal and log: the hardening issue's
 * first attack put escape sequences and a newline in a pending agent's host name, cleared the
 * headless screen and forged an "Approved agent" log line. Such a hello is refused now.
 */
class PeerTextTest {
  private static Hello hello(String hostname) {
    return new Hello(
        1, "0f8fad5b-d9cb-469f-a165-70867728950e", hostname, "Linux", "1", List.of(), null);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "web-01\u001b[2J",
        "web-01\u001b]0;pwned\u0007",
        "web-01\nINFO Approved agent evil",
        "web-01\r",
        "web-\u202e10-bew",
        "web-01\u2028",
        "tab\there"
      })
  void aHostNameThatCouldRedrawATerminalOrForgeALineIsRefused(String hostname) {
    assertThatThrownBy(() -> hello(hostname))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("hostname must be printable text");
  }

  @Test
  void overTheWireItIsAMalformedFrameThatNamesTheField() {
    byte[] frame =
        ("{\"type\":\"hello\",\"body\":{\"protocolVersion\":1,"
                + "\"agentId\":\"0f8fad5b-d9cb-469f-a165-70867728950e\","
                + "\"hostname\":\"web\\u001b[2J\",\"os\":\"Linux\",\"agentVersion\":\"1\","
                + "\"allowedCommands\":[]}}")
            .getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> MessageCodec.decode(frame))
        .isInstanceOf(ProtocolException.class)
        .hasMessageContaining("hostname must be printable text");
  }

  @Test
  void namesInAnyScriptAreFine() {
    assertThat(hello("сервер-01.example").hostname()).isEqualTo("сервер-01.example");
    assertThat(hello("東京-web").hostname()).isEqualTo("東京-web");
  }
}
