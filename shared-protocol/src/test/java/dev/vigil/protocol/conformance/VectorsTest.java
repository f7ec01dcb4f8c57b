package dev.vigil.protocol.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.vigil.protocol.Protocol;
import dev.vigil.protocol.datagram.AlertDatagram;
import dev.vigil.protocol.datagram.DatagramException;
import dev.vigil.protocol.datagram.ReplayWindow;
import dev.vigil.protocol.frame.FrameReader;
import dev.vigil.protocol.frame.ProtocolException;
import dev.vigil.protocol.message.AlertReport;
import dev.vigil.protocol.message.Message;
import dev.vigil.protocol.message.MessageTypes;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs every vector of docs/conformance/vectors.json against the Java codec: the document's
 * examples, checked in CI. The file is the source of truth; this class only reads it, the way an
 * implementation in another language would (docs/conformance/README.md).
 */
class VectorsTest {
  /** The vectors, relative to the shared-protocol module, where Maven runs the tests. */
  static final Path FILE = Path.of("..", "docs", "conformance", "vectors.json");

  private static JsonObject vectors() throws IOException {
    return JsonParser.parseString(Files.readString(FILE, StandardCharsets.UTF_8)).getAsJsonObject();
  }

  @Test
  void theFileHasFramesAndDatagramsWithUniqueNames() throws IOException {
    JsonObject root = vectors();
    assertThat(root.get("format").getAsInt()).isEqualTo(1);
    for (String kind : List.of("frames", "datagrams")) {
      List<String> names =
          root.getAsJsonArray(kind).asList().stream()
              .map(v -> v.getAsJsonObject().get("name").getAsString())
              .toList();
      assertThat(names).as(kind).isNotEmpty().doesNotHaveDuplicates();
    }
  }

  @TestFactory
  Stream<DynamicTest> frames() throws IOException {
    return vectors().getAsJsonArray("frames").asList().stream()
        .map(JsonElement::getAsJsonObject)
        .map(v -> DynamicTest.dynamicTest(v.get("name").getAsString(), () -> frame(v)));
  }

  @TestFactory
  Stream<DynamicTest> datagrams() throws IOException {
    return vectors().getAsJsonArray("datagrams").asList().stream()
        .map(JsonElement::getAsJsonObject)
        .map(v -> DynamicTest.dynamicTest(v.get("name").getAsString(), () -> datagram(v)));
  }

  private static void frame(JsonObject v) throws Exception {
    byte[] wire = HexFormat.of().parseHex(v.get("hex").getAsString());
    if (v.has("text")) {
      // Informative only, but it must not lie about the hex.
      assertThat(new String(wire, 4, wire.length - 4, StandardCharsets.UTF_8))
          .as("text")
          .isEqualTo(v.get("text").getAsString());
    }
    ByteArrayInputStream in = new ByteArrayInputStream(wire);
    FrameReader reader = new FrameReader(in, Protocol.MAX_FRAME_BYTES);
    String outcome = v.get("outcome").getAsString();
    Message message;
    try {
      message = reader.readMessage();
    } catch (ProtocolException e) {
      assertThat(outcome).as("refused: " + e.getMessage()).isEqualTo("refuse");
      assertThat(e.code().name()).as(e.getMessage()).isEqualTo(v.get("code").getAsString());
      if (v.has("field")) {
        assertThat(e.getMessage())
            .as("the refusal names the field")
            .contains(v.get("field").getAsString());
      }
      return;
    }
    assertThat(outcome).as("accepted as " + message).isEqualTo("accept");
    assertThat(in.available()).as("bytes after the frame").isZero();
    assertThat(MessageTypes.nameOf(message.getClass())).isEqualTo(v.get("type").getAsString());
    assertFields(message, v.getAsJsonObject("fields"));
  }

  private static void datagram(JsonObject v) throws Exception {
    byte[] key = HexFormat.of().parseHex(v.get("key").getAsString());
    UUID agentId = UUID.fromString(v.get("agentId").getAsString());
    ReplayWindow window = new ReplayWindow();
    for (JsonElement c : v.getAsJsonArray("acceptedBefore")) {
      assertThat(window.accept(c.getAsLong())).as("acceptedBefore %s", c).isTrue();
    }
    byte[] data = HexFormat.of().parseHex(v.get("hex").getAsString());
    String outcome = v.get("outcome").getAsString();
    String dropped = receive(data, agentId, key, window);
    if (dropped != null) {
      assertThat(outcome).as("dropped as " + dropped).isEqualTo("drop");
      assertThat(dropped).isEqualTo(v.get("counter").getAsString());
      return;
    }
    assertThat(outcome).as("accepted").isEqualTo("accept");
    AlertReport alert = AlertDatagram.open(data, data.length, key);
    assertThat(MessageTypes.nameOf(alert.getClass())).isEqualTo(v.get("type").getAsString());
    assertFields(alert, v.getAsJsonObject("fields"));
  }

  /**
   * What the console does with one datagram (docs/protocol.md section 5, the order included): the
   * name of the counter it is dropped into, or null when accepted.
   */
  private static String receive(byte[] data, UUID agentId, byte[] key, ReplayWindow window) {
    try {
      AlertDatagram.Header header = AlertDatagram.header(data, data.length);
      if (!header.agentId().equals(agentId)) {
        return "unknownAgent";
      }
      if (!window.isFresh(header.counter())) {
        return "replayed";
      }
      AlertDatagram.open(data, data.length, key);
      window.accept(header.counter());
      return null;
    } catch (DatagramException e) {
      return switch (e.reason()) {
        case MALFORMED -> "malformed";
        case UNKNOWN_AGENT -> "unknownAgent";
        case FORGED -> "forged";
        case REPLAYED -> "replayed";
      };
    }
  }

  private static void assertFields(Object message, JsonObject fields) throws Exception {
    Map<String, RecordComponent> components =
        Stream.of(message.getClass().getRecordComponents())
            .collect(java.util.stream.Collectors.toMap(RecordComponent::getName, c -> c));
    for (Map.Entry<String, JsonElement> f : fields.entrySet()) {
      RecordComponent c = components.get(f.getKey());
      if (c == null) {
        fail("%s has no field %s", message.getClass().getSimpleName(), f.getKey());
      }
      assertValue(f.getKey(), c.getAccessor().invoke(message), f.getValue());
    }
  }

  private static void assertValue(String field, Object actual, JsonElement expected)
      throws Exception {
    if (expected.isJsonNull()) {
      assertThat(actual).as(field).isNull();
    } else if (expected.isJsonObject()) {
      // A nested object (a process entry, an alert rule): some of its fields, by the same rules.
      assertThat(actual).as(field).isNotNull();
      if (actual instanceof Map<?, ?> map) {
        // An object of name -> text (a command's arguments): the entries listed, by the same rules.
        for (Map.Entry<String, JsonElement> e : expected.getAsJsonObject().entrySet()) {
          assertValue(field + "." + e.getKey(), map.get(e.getKey()), e.getValue());
        }
        return;
      }
      assertThat(actual.getClass().isRecord()).as(field + " is an object").isTrue();
      assertFields(actual, expected.getAsJsonObject());
    } else if (expected.isJsonArray()) {
      JsonArray array = expected.getAsJsonArray();
      assertThat(actual).as(field).isInstanceOf(List.class);
      List<?> list = (List<?>) actual;
      assertThat(list).as(field).hasSize(array.size());
      for (int i = 0; i < list.size(); i++) {
        assertValue(field + "[" + i + "]", list.get(i), array.get(i));
      }
    } else if (expected.getAsJsonPrimitive().isNumber()) {
      assertThat(actual).as(field).isInstanceOf(Number.class);
      assertThat(new BigDecimal(actual.toString()))
          .as(field)
          .isEqualByComparingTo(expected.getAsBigDecimal());
    } else if (expected.getAsJsonPrimitive().isBoolean()) {
      assertThat(actual).as(field).isEqualTo(expected.getAsBoolean());
    } else {
      // Strings and enum constants, as they are written on the wire.
      assertThat(actual instanceof Enum<?> e ? e.name() : actual)
          .as(field)
          .isEqualTo(expected.getAsString());
    }
  }
}
