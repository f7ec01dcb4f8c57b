package dev.vigil.protocol.conformance;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.vigil.protocol.Protocol;
import dev.vigil.protocol.datagram.RawSeal;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Writes docs/conformance/vectors.json from the cases below, so that nobody types hex by hand. The
 * file, once written and reviewed, is the source of truth: {@link VectorsTest} reads only the file.
 * Run with {@code /work/tools/mvn -pl shared-protocol test -Dtest=VectorsWriter
 * -Dconformance.write=true} (see docs/conformance/README.md), then review the diff.
 */
@EnabledIfSystemProperty(named = "conformance.write", matches = "true")
class VectorsWriter {
  static final byte[] KEY =
      HexFormat.of().parseHex("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");
  static final byte[] OTHER_KEY =
      HexFormat.of().parseHex("1f1e1d1c1b1a191817161514131211100f0e0d0c0b0a09080706050403020100");
  static final UUID AGENT = UUID.fromString("0f8fad5b-d9cb-469f-a165-70867728950e");
  static final UUID STRANGER = UUID.fromString("9b2c51e0-7a3f-4c1d-8e6a-2f4b5c6d7e8f");

  private static final String HELLO =
      "\"protocolVersion\":1,\"agentId\":\"0f8fad5b-d9cb-469f-a165-70867728950e\","
          + "\"hostname\":\"web-01\",\"os\":\"Debian GNU/Linux 12\",\"agentVersion\":\"0.1.0\","
          + "\"allowedCommands\":[\"restart\"]";
  private static final String STATS =
      "\"sampledAtMillis\":1700000000000,\"cpuPercent\":12.5,\"memoryUsedBytes\":1073741824,"
          + "\"memoryTotalBytes\":4294967296,\"processCount\":211";
  private static final String INVENTORY =
      "\"hostname\":\"web-01\",\"os\":\"Debian GNU/Linux 12\",\"kernel\":\"6.1.0\","
          + "\"architecture\":\"amd64\",\"cpuModel\":\"Intel Xeon\",\"physicalCores\":2,"
          + "\"logicalCores\":4,\"memoryTotalBytes\":17179869184,\"ipAddresses\":[],"
          + "\"agentVersion\":\"0.1.0\",\"allowedCommands\":[]";
  private static final String PROCESS =
      "\"pid\":4242,\"name\":\"nginx\",\"cpuPercent\":3.5,\"residentBytes\":52428800";
  private static final String ALERT =
      "\"sequence\":3,\"rule\":\"cpu\",\"severity\":\"CRITICAL\",\"state\":\"FIRING\","
          + "\"value\":97.0,\"threshold\":90.0,\"raisedAtMillis\":1700000000000,"
          + "\"message\":\"CPU at 97% for 30 s\"";

  private final JsonArray frames = new JsonArray();
  private final JsonArray datagrams = new JsonArray();

  @Test
  void write() throws Exception {
    minimalFrames();
    acceptedVariants();
    optionalNestedFields();
    checkResults();
    fieldRules();
    duplicates();
    envelope();
    lengthPrefixes();
    encodingAndSyntax();
    nesting();
    datagrams();
    JsonObject root = new JsonObject();
    root.addProperty("format", 1);
    root.addProperty(
        "about",
        "Vigil protocol version 1 conformance vectors; see docs/conformance/README.md and"
            + " docs/protocol.md");
    root.add("frames", frames);
    root.add("datagrams", datagrams);
    String json =
        new GsonBuilder()
                .setPrettyPrinting()
                .disableHtmlEscaping()
                .serializeNulls()
                .create()
                .toJson(root)
            + "\n";
    Files.writeString(VectorsTest.FILE, json, StandardCharsets.UTF_8);
  }

  private void minimalFrames() {
    accept("hello, minimal", "hello", HELLO, "protocolVersion", 1, "hostname", "web-01");
    accept(
        "welcome, minimal",
        "welcome",
        "\"protocolVersion\":1,\"consoleId\":\"console-1\",\"heartbeatSeconds\":5,"
            + "\"alertPort\":7471,\"alertKey\":\"AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=\"",
        "heartbeatSeconds",
        5,
        "alertPort",
        7471);
    accept(
        "pending, minimal",
        "pending",
        "\"agentFingerprint\":\"SHA256:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU\","
            + "\"detail\":\"waiting for approval\"",
        "detail",
        "waiting for approval");
    accept(
        "heartbeat, minimal",
        "heartbeat",
        "\"sentAtMillis\":1700000000000",
        "sentAtMillis",
        1700000000000L);
    accept(
        "error, minimal",
        "error",
        "\"code\":\"TIMEOUT\",\"detail\":\"silent for 15 s\"",
        "code",
        "TIMEOUT");
    accept(
        "stats, minimal: the five core fields",
        "stats",
        STATS,
        "cpuPercent",
        12.5,
        "processCount",
        211,
        "memoryAvailableBytes",
        0,
        "cpuPerCore",
        List.of());
    accept(
        "slow_stats, minimal",
        "slow_stats",
        "\"sampledAtMillis\":1700000000000,\"fileSystems\":[],\"topByCpu\":[],\"topByMemory\":[]",
        "sampledAtMillis",
        1700000000000L);
    accept(
        "inventory, minimal",
        "inventory",
        "\"hostname\":\"web-01\",\"os\":\"Debian GNU/Linux 12\",\"kernel\":\"6.1.0\","
            + "\"architecture\":\"amd64\",\"cpuModel\":\"Intel Xeon\",\"physicalCores\":2,"
            + "\"logicalCores\":4,\"memoryTotalBytes\":17179869184,\"ipAddresses\":[],"
            + "\"agentVersion\":\"0.1.0\",\"allowedCommands\":[]",
        "logicalCores",
        4,
        "memoryTotalBytes",
        17179869184L,
        "alertRules",
        List.of());
    accept("alert, minimal", "alert", ALERT, "sequence", 3, "severity", "CRITICAL");
    accept(
        "command_result, minimal",
        "command_result",
        "\"sequence\":4,\"commandId\":\"c-1\",\"status\":\"SUCCEEDED\",\"detail\":\"done\"",
        "status",
        "SUCCEEDED");
    accept(
        "command, minimal",
        "command",
        "\"commandId\":\"c-1\",\"command\":\"restart\",\"arguments\":{}",
        "command",
        "restart");
    accept("ack, minimal", "ack", "\"sequence\":7", "sequence", 7);
  }

  private void acceptedVariants() {
    accept(
        "stats with every field",
        "stats",
        STATS
            + ",\"cpuPerCore\":[10.0,15.0],\"loadAverage\":[0.5,0.4,0.3],"
            + "\"memoryAvailableBytes\":3221225472,\"swapUsedBytes\":0,"
            + "\"swapTotalBytes\":1073741824,\"threadCount\":900,\"uptimeSeconds\":86400,"
            + "\"diskReadBytesPerSecond\":1024.5,\"diskWriteBytesPerSecond\":2048,"
            + "\"network\":[{\"name\":\"eth0\",\"receiveBytesPerSecond\":1500,"
            + "\"transmitBytesPerSecond\":300}],\"agentCpuPercent\":0.4,"
            + "\"agentResidentBytes\":62914560",
        "threadCount",
        900,
        "loadAverage",
        List.of(0.5, 0.4, 0.3));
    accept(
        "hello with enrollmentToken null (optional)",
        "hello",
        HELLO + ",\"enrollmentToken\":null",
        "enrollmentToken",
        null);
    accept(
        "hello with enrollmentToken",
        "hello",
        HELLO + ",\"enrollmentToken\":\"vgt_AAAAAAAAAAAAAAAAAAAAAAAAAAA\"",
        "enrollmentToken",
        "vgt_AAAAAAAAAAAAAAAAAAAAAAAAAAA");
    accept(
        "hello with statsIntervalMillis (optional)",
        "hello",
        HELLO + ",\"statsIntervalMillis\":1000",
        "hostname",
        "web-01");
    accept(
        "pending with heartbeatSeconds (optional)",
        "pending",
        "\"agentFingerprint\":\"SHA256:x\",\"detail\":\"wait\",\"heartbeatSeconds\":5",
        "detail",
        "wait");
    accept(
        "unknown fields inside body are ignored, at any depth",
        "stats",
        STATS
            + ",\"network\":[{\"name\":\"eth0\",\"receiveBytesPerSecond\":1,"
            + "\"transmitBytesPerSecond\":2,\"mtu\":1500}],\"gpu\":{\"load\":[1,\"x\",null]}",
        "processCount",
        211);
    frame(
        "body before type, whitespace between tokens and after the object",
        " {\n\t\"body\" : { \"sequence\" : 7 } ,\r\n \"type\" : \"ack\" }\n ",
        acceptExpect("ack", "sequence", 7));
    accept(
        "escapes in strings are decoded",
        "error",
        "\"code\":\"MALFORMED_FRAME\",\"detail\":\"caf\\u00e9 \\\"quoted\\\" \\ud83d\\ude00\"",
        "detail",
        "café \"quoted\" \uD83D\uDE00");
    accept(
        "a double field takes any JSON number: integer, exponent",
        "stats",
        STATS.replace("\"cpuPercent\":12.5", "\"cpuPercent\":1E1"),
        "cpuPercent",
        10.0);
    accept(
        "the largest long", "ack", "\"sequence\":9223372036854775807", "sequence", Long.MAX_VALUE);
  }

  private void optionalNestedFields() {
    accept(
        "slow_stats with a process's user and commandLine (optional)",
        "slow_stats",
        slow("{" + PROCESS + ",\"user\":\"www-data\",\"commandLine\":\"nginx: worker process\"}"),
        "topByCpu",
        JsonParser.parseString(
            "[{\"pid\":4242,\"user\":\"www-data\",\"commandLine\":\"nginx: worker process\"}]"));
    accept(
        "slow_stats with a process without user and commandLine: read as not known",
        "slow_stats",
        slow("{" + PROCESS + "}"),
        "topByCpu",
        JsonParser.parseString("[{\"pid\":4242,\"user\":null,\"commandLine\":null}]"));
    accept(
        "slow_stats with a process's user and commandLine sent as null",
        "slow_stats",
        slow("{" + PROCESS + ",\"user\":null,\"commandLine\":null}"),
        "topByCpu",
        JsonParser.parseString("[{\"user\":null,\"commandLine\":null}]"));
    refuse(
        "a process's commandLine with a control character",
        body(frameText("slow_stats", slow("{" + PROCESS + ",\"commandLine\":\"a\\u001bb\"}"))),
        "commandLine");
    refuse(
        "a process's commandLine over 512 characters",
        body(
            frameText(
                "slow_stats",
                slow("{" + PROCESS + ",\"commandLine\":\"" + "x".repeat(513) + "\"}"))),
        "commandLine");
    refuse(
        "a process's user as a number",
        body(frameText("slow_stats", slow("{" + PROCESS + ",\"user\":33}"))),
        "user");
    accept(
        "inventory with alertRules (optional), one without a warning level",
        "inventory",
        INVENTORY
            + ",\"alertRules\":[{\"metric\":\"cpu\",\"warning\":80,\"critical\":90,"
            + "\"clear\":70,\"holdMillis\":30000},{\"metric\":\"disk\",\"critical\":95,"
            + "\"clear\":85.5,\"holdMillis\":0}]",
        "alertRules",
        JsonParser.parseString(
            "[{\"metric\":\"cpu\",\"warning\":80,\"critical\":90,\"clear\":70,"
                + "\"holdMillis\":30000},{\"metric\":\"disk\",\"warning\":null,"
                + "\"critical\":95,\"clear\":85.5,\"holdMillis\":0}]"));
    accept(
        "inventory with alertRules null: read as none",
        "inventory",
        INVENTORY + ",\"alertRules\":null",
        "alertRules",
        List.of());
    accept(
        "inventory with allowedServices and tags (optional, #20)",
        "inventory",
        INVENTORY
            + ",\"allowedServices\":[\"nginx.service\",\"getty@tty1.service\"],"
            + "\"tags\":[\"web\",\"eu-west\",\"rack:4\"]",
        "allowedServices",
        List.of("nginx.service", "getty@tty1.service"),
        "tags",
        List.of("web", "eu-west", "rack:4"));
    accept(
        "inventory without allowedServices and tags: read as none",
        "inventory",
        INVENTORY + ",\"allowedServices\":null",
        "allowedServices",
        List.of(),
        "tags",
        List.of());
    refuse(
        "an allowed service without its type suffix",
        body(frameText("inventory", INVENTORY + ",\"allowedServices\":[\"nginx\"]")),
        "allowedServices");
    refuse(
        "an allowed service that is a pattern",
        body(frameText("inventory", INVENTORY + ",\"allowedServices\":[\"ngin*.service\"]")),
        "allowedServices");
    refuse(
        "a tag with an upper-case letter",
        body(frameText("inventory", INVENTORY + ",\"tags\":[\"Web\"]")),
        "tags");
    refuse(
        "33 tags",
        body(
            frameText(
                "inventory",
                INVENTORY
                    + ",\"tags\":["
                    + String.join(
                        ",",
                        java.util.stream.IntStream.range(0, 33)
                            .mapToObj(i -> "\"t" + i + "\"")
                            .toList())
                    + "]")),
        "tags");
    accept(
        "command restart-service with its unit",
        "command",
        "\"commandId\":\"c-2\",\"command\":\"restart-service\","
            + "\"arguments\":{\"unit\":\"nginx.service\"}",
        "command",
        "restart-service",
        "arguments",
        JsonParser.parseString("{\"unit\":\"nginx.service\"}"));
    refuse(
        "an alert rule with neither a warning nor a critical level",
        body(
            frameText(
                "inventory",
                INVENTORY
                    + ",\"alertRules\":[{\"metric\":\"cpu\",\"clear\":70,\"holdMillis\":0}]")),
        "alertRules");
    refuse(
        "an alert rule without its clear level",
        body(
            frameText(
                "inventory",
                INVENTORY
                    + ",\"alertRules\":[{\"metric\":\"cpu\",\"warning\":80,\"holdMillis\":0}]")),
        "clear");
    refuse(
        "an alert rule's level as a string",
        body(
            frameText(
                "inventory",
                INVENTORY
                    + ",\"alertRules\":[{\"metric\":\"cpu\",\"warning\":\"80\",\"clear\":70,"
                    + "\"holdMillis\":0}]")),
        "warning");
  }

  private static String slow(String process) {
    return "\"sampledAtMillis\":1700000000000,\"fileSystems\":[],\"topByCpu\":["
        + process
        + "],\"topByMemory\":[]";
  }

  /** Service check results (#20): optional fields of stats and slow_stats. */
  private void checkResults() {
    String check =
        "{\"name\":\"web\",\"type\":\"http\",\"status\":\"CRITICAL\",\"failing\":true,"
            + "\"message\":\"HTTP 503 from http://127.0.0.1/ in 0.012 s\","
            + "\"lastRunMillis\":1700000000000,\"durationMillis\":12,"
            + "\"metrics\":[{\"name\":\"time\",\"value\":0.012,\"unit\":\"s\"}]}";
    accept(
        "stats with checks (optional): the checks that ran since the last report",
        "stats",
        STATS + ",\"checks\":[" + check + "]",
        "processCount",
        211);
    accept(
        "slow_stats with checks (optional): the whole set",
        "slow_stats",
        "\"sampledAtMillis\":1700000000000,\"fileSystems\":[],\"topByCpu\":[],"
            + "\"topByMemory\":[],\"checks\":["
            + check
            + "]",
        "sampledAtMillis",
        1700000000000L);
    refuse(
        "a check's message must be printable",
        body(
            frameText(
                "stats",
                STATS + ",\"checks\":[" + check.replace("HTTP 503", "HTTP\\u001b[2J") + "]")),
        "message");
    refuse(
        "a check's status is one of OK, WARNING, CRITICAL, UNKNOWN",
        body(frameText("stats", STATS + ",\"checks\":[" + check.replace("CRITICAL", "DOWN") + "]")),
        "status");
    refuse(
        "a check metric's value is a number",
        body(
            frameText(
                "stats", STATS + ",\"checks\":[" + check.replace("0.012,", "\"0.012\",") + "]")),
        "value");
    String systemd =
        "{\"name\":\"nginx\",\"type\":\"systemd\",\"status\":\"OK\",\"failing\":false,"
            + "\"message\":\"nginx.service is active (running), restarted 0 time(s)\","
            + "\"lastRunMillis\":1700000000000,\"durationMillis\":9,\"metrics\":[],"
            + "\"unit\":\"nginx.service\"}";
    accept(
        "slow_stats with a systemd check and its unit (optional, #20)",
        "slow_stats",
        "\"sampledAtMillis\":1700000000000,\"fileSystems\":[],\"topByCpu\":[],"
            + "\"topByMemory\":[],\"checks\":["
            + systemd
            + ","
            + check
            + "]",
        "checks",
        JsonParser.parseString("[{\"unit\":\"nginx.service\"},{\"unit\":null}]"));
    refuse(
        "a check's unit is a systemd unit name",
        body(
            frameText(
                "stats",
                STATS + ",\"checks\":[" + systemd.replace("nginx.service\"}", "ngin*\"}") + "]")),
        "unit");
    refuse(
        "a check's name is a name",
        body(
            frameText(
                "stats", STATS + ",\"checks\":[" + check.replace("\"web\"", "\"Web site\"") + "]")),
        "name");
  }

  private void fieldRules() {
    for (String field :
        List.of(
            "sampledAtMillis",
            "cpuPercent",
            "memoryUsedBytes",
            "memoryTotalBytes",
            "processCount")) {
      String body = STATS.replaceFirst(",?\"" + field + "\":[0-9.]+", "").replaceFirst("^,", "");
      refuse("stats without " + field, body(frameText("stats", body)), field);
    }
    statsField("a required field sent as null", "processCount", "null");
    statsField("a number in a string", "cpuPercent", "\"37.5\"");
    statsField("a fraction for an integer field", "processCount", "321.7");
    statsField("an exponent for an integer field", "processCount", "2.1e2");
    statsField("a .0 fraction for an integer field", "processCount", "211.0");
    statsField("an int field over 2^31-1", "processCount", "2147483648");
    statsField("a long field over 2^63-1", "sampledAtMillis", "9223372036854775808");
    statsField("a negative value where >= 0 is required", "sampledAtMillis", "-1");
    statsField("a boolean for a number", "sampledAtMillis", "true");
    statsField("a double that overflows to infinity", "cpuPercent", "1e400");
    statsField("a percentage above 100", "cpuPercent", "250");
    statsField("an array for a number", "cpuPercent", "[12.5]");
    refuse(
        "a nested object without a required field",
        body(
            frameText(
                "stats", STATS + ",\"network\":[{\"name\":\"eth0\",\"receiveBytesPerSecond\":1}]")),
        "transmitBytesPerSecond");
    refuse(
        "protocolVersion as a string",
        body(
            frameText(
                "hello", HELLO.replace("\"protocolVersion\":1", "\"protocolVersion\":\"1\""))),
        "protocolVersion");
    refuse(
        "a boolean for a string",
        body(frameText("hello", HELLO.replace("\"hostname\":\"web-01\"", "\"hostname\":true"))),
        "hostname");
    refuse(
        "a number for a string",
        body(frameText("hello", HELLO.replace("\"hostname\":\"web-01\"", "\"hostname\":1"))),
        "hostname");
    refuse(
        "severity outside the set",
        body(frameText("alert", ALERT.replace("CRITICAL", "INFO"))),
        "severity");
    refuse(
        "severity in lower case",
        body(frameText("alert", ALERT.replace("CRITICAL", "critical"))),
        "severity");
    refuse(
        "a command argument that is not a string",
        body(
            frameText(
                "command", "\"commandId\":\"c\",\"command\":\"kill\",\"arguments\":{\"pid\":42}")),
        "arguments");
    refuse(
        "a command name outside the name pattern",
        body(frameText("command", "\"commandId\":\"c\",\"command\":\"rm -rf /\",\"arguments\":{}")),
        "command");
    refuse("sequence 0", body(frameText("ack", "\"sequence\":0")), "sequence");
  }

  private void statsField(String name, String field, String value) {
    String body = STATS.replaceFirst("\"" + field + "\":[0-9.]+", "\"" + field + "\":" + value);
    refuse(name + ": " + field + " " + value, body(frameText("stats", body)), field);
  }

  private void duplicates() {
    refuse(
        "duplicate name in the envelope",
        body("{\"type\":\"ack\",\"type\":\"ack\",\"body\":{\"sequence\":1}}"),
        null);
    refuse(
        "body twice",
        body("{\"type\":\"ack\",\"body\":{\"sequence\":1},\"body\":{\"sequence\":2}}"),
        null);
    refuse(
        "duplicate field in body", body(frameText("ack", "\"sequence\":1,\"sequence\":2")), null);
    refuse(
        "duplicate name inside an unknown field",
        body(frameText("ack", "\"sequence\":1,\"x\":{\"a\":1,\"a\":1}")),
        null);
    refuse(
        "duplicate name written once with an escape",
        body(frameText("ack", "\"sequence\":1,\"seq\\u0075ence\":2")),
        null);
    refuse(
        "duplicate command argument",
        body(
            frameText(
                "command",
                "\"commandId\":\"c\",\"command\":\"kill\",\"arguments\":{\"pid\":\"1\",\"pid\":\"2\"}")),
        null);
  }

  private void envelope() {
    refuse(
        "an unknown member in the envelope",
        body("{\"type\":\"ack\",\"body\":{\"sequence\":1},\"id\":7}"),
        null);
    frame(
        "unknown type",
        body("{\"type\":\"launch_missiles\",\"body\":{}}"),
        refuseExpect("UNKNOWN_TYPE", null));
    frame(
        "a Java class name as type",
        body("{\"type\":\"java.lang.Runtime\",\"body\":{}}"),
        refuseExpect("UNKNOWN_TYPE", null));
    frame(
        "unknown type without body: the type is checked first",
        body("{\"type\":\"launch_missiles\"}"),
        refuseExpect("UNKNOWN_TYPE", null));
    frame(
        "type in another case",
        body("{\"type\":\"ACK\",\"body\":{\"sequence\":1}}"),
        refuseExpect("UNKNOWN_TYPE", null));
    refuse("missing body", body("{\"type\":\"ack\"}"), null);
    refuse("body null", body("{\"type\":\"ack\",\"body\":null}"), null);
    refuse("body an array", body("{\"type\":\"ack\",\"body\":[]}"), null);
    refuse("missing type", body("{\"body\":{\"sequence\":1}}"), null);
    refuse("type a number", body("{\"type\":7,\"body\":{}}"), null);
    refuse("an array, not an object", body("[]"), null);
    refuse("null, not an object", body("null"), null);
    refuse("a string, not an object", body("\"ack\""), null);
    refuse(
        "an object after the object", body("{\"type\":\"ack\",\"body\":{\"sequence\":1}}{}"), null);
    refuse("text after the object", body("{\"type\":\"ack\",\"body\":{\"sequence\":1}} x"), null);
  }

  private void lengthPrefixes() {
    frame(
        "length prefix 0",
        HexFormat.of().parseHex("00000000"),
        refuseExpect("MALFORMED_FRAME", null));
    frame(
        "length prefix -1",
        HexFormat.of().parseHex("ffffffff"),
        refuseExpect("MALFORMED_FRAME", null));
    frame(
        "length prefix -2^31",
        HexFormat.of().parseHex("80000000"),
        refuseExpect("MALFORMED_FRAME", null));
    frame(
        "length prefix one over the maximum (1,048,577), no body follows",
        ByteBuffer.allocate(4).putInt(Protocol.MAX_FRAME_BYTES + 1).array(),
        refuseExpect("MALFORMED_FRAME", null));
  }

  private void encodingAndSyntax() {
    String ack = "{\"type\":\"ack\",\"body\":{\"sequence\":1}}";
    byte[] good = ack.getBytes(StandardCharsets.UTF_8);
    refuse("not UTF-8: 0xC3 0x28", splice(good, 10, new byte[] {(byte) 0xC3, 0x28}), null);
    refuse(
        "not UTF-8: overlong '/' 0xC0 0xAF",
        splice(good, 10, new byte[] {(byte) 0xC0, (byte) 0xAF}),
        null);
    refuse(
        "not UTF-8: an encoded surrogate 0xED 0xA0 0x80",
        splice(good, 10, new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}),
        null);
    refuse("not UTF-8: a lone 0xFF", splice(good, 10, new byte[] {(byte) 0xFF}), null);
    refuse(
        "a UTF-8 byte order mark before the object",
        concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, good),
        null);
    refuse("not JSON at all", body("not json at all"), null);
    refuse("only whitespace", body(" "), null);
    refuse("a /* comment */", body("{\"type\":\"ack\",/* c */\"body\":{\"sequence\":1}}"), null);
    refuse("a // comment", body("{\"type\":\"ack\",\"body\":{\"sequence\":1}} // c"), null);
    refuse("a # comment", body("# c\n{\"type\":\"ack\",\"body\":{\"sequence\":1}}"), null);
    refuse("a single-quoted string", body("{\"type\":'ack',\"body\":{\"sequence\":1}}"), null);
    refuse("a single-quoted name", body("{'type':\"ack\",\"body\":{\"sequence\":1}}"), null);
    refuse("an unquoted name", body("{type:\"ack\",\"body\":{\"sequence\":1}}"), null);
    refuse(
        "a trailing comma in an object",
        body("{\"type\":\"ack\",\"body\":{\"sequence\":1,}}"),
        null);
    refuse(
        "a trailing comma in an array",
        body(frameText("hello", HELLO.replace("[\"restart\"]", "[\"restart\",]"))),
        null);
    refuse("NaN", body(frameText("stats", STATS.replace("12.5", "NaN"))), null);
    refuse("Infinity", body(frameText("stats", STATS.replace("12.5", "Infinity"))), null);
    refuse("a leading zero", body(frameText("ack", "\"sequence\":01")), null);
    refuse("a plus sign", body(frameText("ack", "\"sequence\":+1")), null);
    refuse("a hexadecimal number", body(frameText("ack", "\"sequence\":0x1")), null);
    refuse(
        "a fraction without digits", body(frameText("stats", STATS.replace("12.5", "12."))), null);
    refuse(
        "an unescaped tab inside a string",
        body(frameText("error", "\"code\":\"TIMEOUT\",\"detail\":\"a\tb\"")),
        null);
    refuse(
        "an escape JSON does not have (\\')",
        body(frameText("error", "\"code\":\"TIMEOUT\",\"detail\":\"a\\'b\"")),
        null);
    refuse("a name without a value", body("{\"type\":\"ack\",\"body\"}"), null);
    refuse("an unterminated object", body("{\"type\":\"ack\",\"body\":{\"sequence\":1}"), null);
  }

  private void nesting() {
    // The envelope is level 1 and body level 2, so 14 arrays inside body reach level 16.
    frame(
        "16 levels: envelope, body and 14 arrays",
        body(frameText("ack", "\"sequence\":1,\"x\":" + "[".repeat(14) + "]".repeat(14))),
        acceptExpect("ack", "sequence", 1));
    refuse(
        "17 levels: envelope, body and 15 arrays",
        body(frameText("ack", "\"sequence\":1,\"x\":" + "[".repeat(15) + "]".repeat(15))),
        null);
    frame(
        "16 levels of objects",
        body(
            frameText(
                "ack", "\"sequence\":1,\"x\":" + "{\"a\":".repeat(13) + "{}" + "}".repeat(13))),
        acceptExpect("ack", "sequence", 1));
    refuse(
        "17 levels of objects",
        body(
            frameText(
                "ack", "\"sequence\":1,\"x\":" + "{\"a\":".repeat(14) + "{}" + "}".repeat(14))),
        null);
  }

  private void datagrams() {
    byte[] alert = frameText("alert", ALERT).getBytes(StandardCharsets.UTF_8);
    datagram(
        "a valid alert, first counter",
        List.of(),
        RawSeal.seal(RawSeal.header(1, 0, AGENT, 1), KEY, alert),
        acceptExpect("alert", "sequence", 3, "rule", "cpu", "severity", "CRITICAL"));
    datagram(
        "a counter far ahead slides the window",
        List.of(2000L),
        RawSeal.seal(RawSeal.header(1, 0, AGENT, 5000), KEY, alert),
        acceptExpect("alert", "sequence", 3));
    datagram(
        "a counter below the highest, inside the window, not seen before",
        List.of(1L, 3L),
        RawSeal.seal(RawSeal.header(1, 0, AGENT, 2), KEY, alert),
        acceptExpect("alert", "sequence", 3));
    datagram(
        "the largest counter, 2^63-1",
        List.of(),
        RawSeal.seal(RawSeal.header(1, 0, AGENT, Long.MAX_VALUE), KEY, alert),
        acceptExpect("alert", "sequence", 3));
    datagram(
        "the window's edge: highest - 1023 is accepted",
        List.of(2000L),
        RawSeal.seal(RawSeal.header(1, 0, AGENT, 2000 - 1023), KEY, alert),
        acceptExpect("alert", "sequence", 3));
    datagram(
        "the window's edge: highest - 1024 is replayed",
        List.of(2000L),
        RawSeal.seal(RawSeal.header(1, 0, AGENT, 2000 - 1024), KEY, alert),
        drop("replayed"));
    datagram(
        "a counter seen before",
        List.of(5L),
        RawSeal.seal(RawSeal.header(1, 0, AGENT, 5), KEY, alert),
        drop("replayed"));
    datagram(
        "the highest counter again",
        List.of(3L, 2000L),
        RawSeal.seal(RawSeal.header(1, 0, AGENT, 2000), KEY, alert),
        drop("replayed"));
    datagram(
        "a replayed counter under a wrong key: the window is checked before the tag",
        List.of(5L),
        RawSeal.seal(RawSeal.header(1, 0, AGENT, 5), OTHER_KEY, alert),
        drop("replayed"));
    datagram(
        "sealed under another key",
        List.of(),
        RawSeal.seal(RawSeal.header(1, 0, AGENT, 1), OTHER_KEY, alert),
        drop("forged"));
    byte[] good = RawSeal.seal(RawSeal.header(1, 0, AGENT, 1), KEY, alert);
    byte[] flipped = good.clone();
    flipped[40] ^= 1;
    datagram("one ciphertext bit flipped", List.of(), flipped, drop("forged"));
    byte[] headerFlipped = good.clone();
    headerFlipped[27] ^= 2; // the counter is in the associated data
    datagram("the counter changed after sealing", List.of(), headerFlipped, drop("forged"));
    datagram(
        "the last byte cut off (still 44 bytes or more)",
        List.of(),
        java.util.Arrays.copyOf(good, good.length - 1),
        drop("forged"));
    datagram(
        "truncated to 43 bytes (header + 15)",
        List.of(),
        java.util.Arrays.copyOf(good, 43),
        drop("malformed"));
    datagram(
        "an agent id with no session key",
        List.of(),
        RawSeal.seal(RawSeal.header(1, 0, STRANGER, 1), KEY, alert),
        drop("unknownAgent"));
    datagram(
        "counter 0",
        List.of(),
        RawSeal.seal(RawSeal.header(1, 0, AGENT, 0), KEY, alert),
        drop("malformed"));
    datagram(
        "counter 2^63: the top bit is set",
        List.of(),
        RawSeal.seal(RawSeal.header(1, 0, AGENT, Long.MIN_VALUE), KEY, alert),
        drop("malformed"));
    datagram(
        "a non-zero reserved byte, well sealed",
        List.of(),
        RawSeal.seal(RawSeal.header(1, 1, AGENT, 1), KEY, alert),
        drop("malformed"));
    datagram(
        "version 2, well sealed",
        List.of(),
        RawSeal.seal(RawSeal.header(2, 0, AGENT, 1), KEY, alert),
        drop("malformed"));
    byte[] badMagic = RawSeal.seal(RawSeal.header(1, 0, AGENT, 1), KEY, alert);
    badMagic[0] = 'X';
    datagram("bad magic", List.of(), badMagic, drop("malformed"));
    datagram(
        "a malformed header from an unknown agent: the layout is checked first",
        List.of(),
        RawSeal.seal(RawSeal.header(1, 1, STRANGER, 1), KEY, alert),
        drop("malformed"));
    datagram(
        "well sealed, but a heartbeat, not an alert",
        List.of(),
        RawSeal.seal(
            RawSeal.header(1, 0, AGENT, 1),
            KEY,
            frameText("heartbeat", "\"sentAtMillis\":1").getBytes(StandardCharsets.UTF_8)),
        drop("malformed"));
    datagram(
        "well sealed, but the alert breaks a field rule (sequence as a string)",
        List.of(),
        RawSeal.seal(
            RawSeal.header(1, 0, AGENT, 1),
            KEY,
            frameText("alert", ALERT.replace("\"sequence\":3", "\"sequence\":\"3\""))
                .getBytes(StandardCharsets.UTF_8)),
        drop("malformed"));
    datagram(
        "well sealed, but not JSON",
        List.of(),
        RawSeal.seal(RawSeal.header(1, 0, AGENT, 1), KEY, "hello".getBytes(StandardCharsets.UTF_8)),
        drop("malformed"));
    datagram(
        "well sealed, but the plaintext has a length prefix: datagrams carry the body only",
        List.of(),
        RawSeal.seal(
            RawSeal.header(1, 0, AGENT, 1),
            KEY,
            concat(ByteBuffer.allocate(4).putInt(alert.length).array(), alert)),
        drop("malformed"));
    byte[] big =
        frameText("alert", ALERT.replace("CPU at 97% for 30 s", "€".repeat(400)))
            .getBytes(StandardCharsets.UTF_8);
    byte[] tooLong = RawSeal.seal(RawSeal.header(1, 0, AGENT, 1), KEY, big);
    datagram(
        "well sealed, " + tooLong.length + " bytes: over 1200",
        List.of(),
        tooLong,
        drop("malformed"));
  }

  // --- helpers -----------------------------------------------------------------------------

  private static String frameText(String type, String body) {
    return "{\"type\":\"" + type + "\",\"body\":{" + body + "}}";
  }

  private static byte[] body(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private void accept(String name, String type, String body, Object... fields) {
    frame(name, body(frameText(type, body)), acceptExpect(type, fields));
  }

  private void refuse(String name, byte[] body, String field) {
    frame(name, body, refuseExpect("MALFORMED_FRAME", field));
  }

  private void frame(String name, String text, JsonObject expect) {
    frame(name, body(text), expect);
  }

  private void frame(String name, byte[] body, JsonObject expect) {
    JsonObject v = new JsonObject();
    v.addProperty("name", name);
    byte[] wire;
    if (name.startsWith("length prefix")) {
      wire = body;
    } else {
      wire = concat(ByteBuffer.allocate(4).putInt(body.length).array(), body);
      if (isUtf8(body)) {
        v.addProperty("text", new String(body, StandardCharsets.UTF_8));
      }
    }
    v.addProperty("hex", HexFormat.of().formatHex(wire));
    expect.entrySet().forEach(e -> v.add(e.getKey(), e.getValue()));
    frames.add(v);
  }

  private void datagram(String name, List<Long> seen, byte[] data, JsonObject expect) {
    JsonObject v = new JsonObject();
    v.addProperty("name", name);
    v.addProperty("key", HexFormat.of().formatHex(KEY));
    v.addProperty("agentId", AGENT.toString());
    JsonArray s = new JsonArray();
    seen.forEach(s::add);
    v.add("acceptedBefore", s);
    v.addProperty("hex", HexFormat.of().formatHex(data));
    expect.entrySet().forEach(e -> v.add(e.getKey(), e.getValue()));
    datagrams.add(v);
  }

  private static JsonObject acceptExpect(String type, Object... fields) {
    JsonObject e = new JsonObject();
    e.addProperty("outcome", "accept");
    e.addProperty("type", type);
    JsonObject f = new JsonObject();
    for (int i = 0; i < fields.length; i += 2) {
      f.add(
          (String) fields[i],
          new GsonBuilder().serializeNulls().create().toJsonTree(fields[i + 1]));
    }
    e.add("fields", f);
    return e;
  }

  private static JsonObject refuseExpect(String code, String field) {
    JsonObject e = new JsonObject();
    e.addProperty("outcome", "refuse");
    e.addProperty("code", code);
    if (field != null) {
      e.addProperty("field", field);
    }
    return e;
  }

  private static JsonObject drop(String counter) {
    JsonObject e = new JsonObject();
    e.addProperty("outcome", "drop");
    e.addProperty("counter", counter);
    return e;
  }

  private static boolean isUtf8(byte[] b) {
    try {
      StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(b));
      return true;
    } catch (java.nio.charset.CharacterCodingException e) {
      return false;
    }
  }

  private static byte[] concat(byte[] a, byte[] b) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(a);
    out.writeBytes(b);
    return out.toByteArray();
  }

  private static byte[] splice(byte[] a, int at, byte[] insert) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(a, 0, at);
    out.writeBytes(insert);
    out.write(a, at, a.length - at);
    return out.toByteArray();
  }
}
