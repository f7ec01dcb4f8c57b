package dev.vigil.protocol.frame;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.protocol.message.Ack;
import dev.vigil.protocol.message.ErrorCode;
import dev.vigil.protocol.message.Message;
import dev.vigil.protocol.message.MessageTypes;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MessageCodecTest {

  @Test
  void everyMessageTypeRoundTrips() throws Exception {
    for (Message m : Samples.everyType()) {
      assertThat(MessageCodec.decode(MessageCodec.encode(m))).isEqualTo(m);
    }
  }

  @Test
  void registryMirrorsTheSealedHierarchy() {
    Set<Class<?>> leaves = new HashSet<>();
    Deque<Class<?>> todo = new ArrayDeque<>(java.util.List.of(Message.class));
    while (!todo.isEmpty()) {
      Class<?> c = todo.pop();
      if (c.isSealed()) {
        todo.addAll(java.util.List.of(c.getPermittedSubclasses()));
      } else {
        leaves.add(c);
      }
    }
    assertThat(Set.copyOf(MessageTypes.all().values())).isEqualTo(leaves);
    assertThat(Samples.everyType())
        .extracting(Object::getClass)
        .containsExactlyInAnyOrderElementsOf(leaves);
  }

  @Test
  void theEnvelopeNamesTheTypeAndCarriesTheBody() {
    String json = new String(MessageCodec.encode(new Ack(7)), StandardCharsets.UTF_8);
    assertThat(json).isEqualTo("{\"type\":\"ack\",\"body\":{\"sequence\":7}}");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "[]",
        "null",
        "{\"type\":\"stats\"}",
        "{\"body\":{}}",
        "{\"type\":7,\"body\":{}}",
        "{type:'ack',body:{sequence:1}}",
        "{\"type\":\"ack\",\"body\":{\"sequence\":1}} trailing",
        "{\"type\":\"ack\",\"body\":{\"sequence\":0}}",
        "{\"type\":\"ack\",\"body\":{\"sequence\":\"one\"}}",
        "{\"type\":\"stats\",\"body\":{\"cpuPercent\":250}}",
        "{\"type\":\"hello\",\"body\":{\"protocolVersion\":1}}",
        "{\"type\":\"command\",\"body\":{\"commandId\":\"x\",\"command\":\"rm -rf /\",\"arguments\":{}}}",
        "{\"type\":\"ack\",\"body\":{\"sequence\":NaN}}",
      })
  void malformedBodiesAreRefusedAsMalformed(String json) {
    assertThatThrownBy(() -> MessageCodec.decode(json.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(ProtocolException.class)
        .satisfies(
            e -> assertThat(((ProtocolException) e).code()).isEqualTo(ErrorCode.MALFORMED_FRAME));
  }

  @Test
  void unknownTypesAreRefusedWithTheirOwnCode() {
    byte[] frame = "{\"type\":\"java.lang.Runtime\",\"body\":{}}".getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> MessageCodec.decode(frame))
        .isInstanceOf(ProtocolException.class)
        .satisfies(
            e -> assertThat(((ProtocolException) e).code()).isEqualTo(ErrorCode.UNKNOWN_TYPE));
  }

  @Test
  void deeplyNestedJsonIsRefused() {
    String deep =
        "{\"type\":\"heartbeat\",\"body\":{\"x\":" + "[".repeat(10_000) + "]".repeat(10_000) + "}}";
    assertThatThrownBy(() -> MessageCodec.decode(deep.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(ProtocolException.class);
  }

  @Test
  void invalidUtf8IsRefused() {
    byte[] frame = {'{', '"', 't', (byte) 0xC3, (byte) 0x28, '"', '}'};
    assertThatThrownBy(() -> MessageCodec.decode(frame))
        .isInstanceOf(ProtocolException.class)
        .hasMessageContaining("UTF-8");
  }
}
