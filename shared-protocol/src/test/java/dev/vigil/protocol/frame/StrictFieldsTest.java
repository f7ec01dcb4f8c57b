package dev.vigil.protocol.frame;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.protocol.message.Ack;
import dev.vigil.protocol.message.AlertReport;
import dev.vigil.protocol.message.CommandRequest;
import dev.vigil.protocol.message.ErrorCode;
import dev.vigil.protocol.message.Hello;
import dev.vigil.protocol.message.Message;
import dev.vigil.protocol.message.Pending;
import dev.vigil.protocol.message.StatsReport;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The field rules of docs/protocol.md section 2, each as the stranger who implemented an agent from
 * the document found the code looser than the text (issue "The protocol as written", fault 5).
 */
class StrictFieldsTest {
  private static final String STATS_CORE =
      "\"sampledAtMillis\":1700000000000,\"cpuPercent\":12.5,\"memoryUsedBytes\":1024,"
          + "\"memoryTotalBytes\":4096,\"processCount\":211";

  private static final String HELLO =
      "\"protocolVersion\":1,\"agentId\":\"0f8fad5b-d9cb-469f-a165-70867728950e\","
          + "\"hostname\":\"web-01\",\"os\":\"Debian\",\"agentVersion\":\"0.1.0\","
          + "\"allowedCommands\":[]";

  private static final String ALERT =
      "\"sequence\":3,\"rule\":\"cpu\",\"state\":\"FIRING\",\"value\":97,\"threshold\":90,"
          + "\"raisedAtMillis\":1700000000000,\"message\":\"CPU at 97%\"";

  @ParameterizedTest
  @ValueSource(
      strings = {
        "sampledAtMillis",
        "cpuPercent",
        "memoryUsedBytes",
        "memoryTotalBytes",
        "processCount"
      })
  void statsWithoutACoreFieldIsRefusedNotReadAsZero(String field) {
    String body = STATS_CORE.replaceFirst(",?\"" + field + "\":[0-9.]+", "").replaceFirst("^,", "");
    assertRefused(frame("stats", body), field + " is missing");
  }

  @Test
  void aRequiredFieldSentAsNullIsRefused() {
    assertRefused(
        frame("stats", STATS_CORE.replace("\"processCount\":211", "\"processCount\":null")),
        "processCount is null");
  }

  @Test
  void aRequiredFieldOfANestedObjectIsRequiredToo() {
    assertRefused(
        frame(
            "stats", STATS_CORE + ",\"network\":[{\"name\":\"eth0\",\"receiveBytesPerSecond\":1}]"),
        "network[0].transmitBytesPerSecond is missing");
  }

  @Test
  void theFieldsTheDocumentCallsOptionalMayBeOmitted() throws Exception {
    assertThat(decode(frame("stats", STATS_CORE)))
        .isEqualTo(
            StatsReport.builder(1_700_000_000_000L, 12.5, 1024, 4096, 211)
                .memoryAvailable(0)
                .build());
    assertThat(decode(frame("hello", HELLO)))
        .isInstanceOfSatisfying(Hello.class, h -> assertThat(h.enrollmentToken()).isNull());
    assertThat(decode(frame("hello", HELLO + ",\"enrollmentToken\":null")))
        .isInstanceOfSatisfying(Hello.class, h -> assertThat(h.enrollmentToken()).isNull());
  }

  @Test
  void theTwoFieldsBeingAddedTodayAreOptionalAndUnknownOnesAreIgnored() throws Exception {
    assertThat(decode(frame("hello", HELLO + ",\"statsIntervalMillis\":1000")))
        .isInstanceOf(Hello.class);
    assertThat(decode(frame("pending", "\"agentFingerprint\":\"SHA256:x\",\"detail\":\"wait\"")))
        .isInstanceOf(Pending.class);
    assertThat(
            decode(
                frame(
                    "pending",
                    "\"agentFingerprint\":\"SHA256:x\",\"detail\":\"wait\",\"heartbeatSeconds\":5")))
        .isInstanceOf(Pending.class);
    assertThat(
            decode(
                frame(
                    "stats",
                    STATS_CORE
                        + ",\"network\":[{\"name\":\"eth0\",\"receiveBytesPerSecond\":1,"
                        + "\"transmitBytesPerSecond\":2,\"mtu\":1500}],\"gpu\":{\"load\":[1,2]}")))
        .isInstanceOf(StatsReport.class);
  }

  @ParameterizedTest(name = "{0} = {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "cpuPercent|\"37.5\"|cpuPercent must be a number, got the string \"37.5\"",
        "processCount|321.7|processCount must be an integer",
        "processCount|2.1e2|processCount must be an integer",
        "processCount|211.0|processCount must be an integer",
        "processCount|\"211\"|processCount must be an integer, got the string",
        "processCount|2147483648|processCount must fit in a signed 32-bit integer",
        "sampledAtMillis|9223372036854775808|sampledAtMillis must fit in a signed 64-bit integer",
        "sampledAtMillis|true|sampledAtMillis must be an integer, got true",
        "cpuPercent|1e400|cpuPercent must be a finite number",
        "cpuPercent|[12.5]|cpuPercent must be a number, got an array",
      })
  void aNumberFieldTakesOnlyAJsonNumberOfItsKind(String field, String value, String expected) {
    String body =
        STATS_CORE.replaceFirst("\"" + field + "\":[0-9.]+", "\"" + field + "\":" + value);
    assertRefused(frame("stats", body), expected);
  }

  @Test
  void aProtocolVersionWrittenAsAStringIsRefused() {
    assertRefused(
        frame("hello", HELLO.replace("\"protocolVersion\":1", "\"protocolVersion\":\"1\"")),
        "protocolVersion must be an integer, got the string \"1\"");
  }

  @ParameterizedTest
  @ValueSource(strings = {"true", "1", "[\"web-01\"]"})
  void aStringFieldTakesOnlyAJsonString(String value) {
    assertRefused(
        frame("hello", HELLO.replace("\"hostname\":\"web-01\"", "\"hostname\":" + value)),
        "hostname must be a string");
  }

  @Test
  void aBooleanIsNotAStringOrANumber() {
    assertRefused(frame("ack", "\"sequence\":true"), "sequence must be an integer, got true");
    assertRefused(
        frame("hello", HELLO + ",\"enrollmentToken\":false"), "enrollmentToken must be a string");
  }

  @Test
  void aSeverityOutsideTheSetSaysWhatIsAllowed() {
    assertRefused(
        frame("alert", ALERT + ",\"severity\":\"INFO\""),
        "severity must be one of WARNING, CRITICAL, got the string \"INFO\"");
    // The document writes the constants in upper case; only those are accepted.
    assertRefused(
        frame("alert", ALERT + ",\"severity\":\"warning\""),
        "severity must be one of WARNING, CRITICAL");
  }

  @Test
  void aSeverityAsTheDocumentWritesItIsAccepted() throws Exception {
    assertThat(decode(frame("alert", ALERT + ",\"severity\":\"WARNING\"")))
        .isInstanceOf(AlertReport.class);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"type\":\"ack\",\"type\":\"ack\",\"body\":{\"sequence\":1}}",
        "{\"type\":\"ack\",\"body\":{\"sequence\":1},\"body\":{\"sequence\":2}}",
        "{\"type\":\"ack\",\"body\":{\"sequence\":1,\"sequence\":2}}",
        "{\"type\":\"ack\",\"body\":{\"sequence\":1,\"x\":{\"a\":1,\"a\":1}}}",
        "{\"type\":\"ack\",\"body\":{\"sequence\":1,\"seq\\u0075ence\":2}}",
        "{\"type\":\"command\",\"body\":{\"commandId\":\"c\",\"command\":\"kill\","
            + "\"arguments\":{\"pid\":\"1\",\"pid\":\"2\"}}}",
      })
  void aNameTwiceInOneObjectIsRefusedAnywhere(String json) {
    assertRefused(json.getBytes(StandardCharsets.UTF_8), "twice in one object");
  }

  @Test
  void theEnvelopeHasOnlyTypeAndBody() {
    assertRefused(
        "{\"type\":\"ack\",\"body\":{\"sequence\":1},\"id\":7}".getBytes(StandardCharsets.UTF_8),
        "only 'type' and 'body' are allowed");
  }

  @Test
  void commandArgumentsAreStrings() throws Exception {
    assertRefused(
        frame("command", "\"commandId\":\"c\",\"command\":\"kill\",\"arguments\":{\"pid\":42}"),
        "arguments.pid must be a string, got 42");
    assertThat(
            decode(
                frame(
                    "command",
                    "\"commandId\":\"c\",\"command\":\"kill\",\"arguments\":{\"pid\":\"42\"}")))
        .isInstanceOf(CommandRequest.class);
  }

  @Test
  void aRangeRefusalStillNamesTheField() {
    assertRefused(frame("ack", "\"sequence\":0"), "sequence must be at least 1");
    assertRefused(
        frame(
            "stats",
            STATS_CORE
                + ",\"network\":[{\"name\":\"eth0\",\"receiveBytesPerSecond\":-1,"
                + "\"transmitBytesPerSecond\":2}]"),
        "network[0]: receiveBytesPerSecond must not be negative");
  }

  @Test
  void integersWrittenPlainlyAreRead() throws Exception {
    assertThat(decode(frame("ack", "\"sequence\":9223372036854775807")))
        .isEqualTo(new Ack(Long.MAX_VALUE));
  }

  private static byte[] frame(String type, String body) {
    return ("{\"type\":\"" + type + "\",\"body\":{" + body + "}}").getBytes(StandardCharsets.UTF_8);
  }

  private static Message decode(byte[] frame) throws ProtocolException {
    return MessageCodec.decode(frame);
  }

  private static void assertRefused(byte[] frame, String expected) {
    assertThatThrownBy(() -> MessageCodec.decode(frame))
        .isInstanceOfSatisfying(
            ProtocolException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_FRAME))
        .hasMessageContaining(expected);
  }
}
