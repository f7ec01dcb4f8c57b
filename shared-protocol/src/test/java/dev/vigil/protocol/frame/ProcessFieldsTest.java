package dev.vigil.protocol.frame;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.protocol.message.ProcessInfo;
import dev.vigil.protocol.message.SlowReport;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The optional user and command line of a process entry, and peers from before them. */
class ProcessFieldsTest {
  private static SlowReport decode(String process) throws ProtocolException {
    String json =
        "{\"type\":\"slow_stats\",\"body\":{\"sampledAtMillis\":1700000000000,"
            + "\"fileSystems\":[],\"topByCpu\":["
            + process
            + "],\"topByMemory\":[]}}";
    return (SlowReport) MessageCodec.decode(json.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void userAndCommandLineRoundTrip() throws Exception {
    ProcessInfo p = new ProcessInfo(7, "java", 1.5, 1 << 20, "ann", "java -jar /opt/app.jar");
    SlowReport report = new SlowReport(1700000000000L, List.of(), List.of(p), List.of(p));
    SlowReport back = (SlowReport) MessageCodec.decode(MessageCodec.encode(report));
    assertThat(back.topByCpu().get(0).user()).isEqualTo("ann");
    assertThat(back.topByCpu().get(0).commandLine()).isEqualTo("java -jar /opt/app.jar");
  }

  @Test
  void anOlderAgentsProcessWithoutThemIsReadWithNeither() throws Exception {
    ProcessInfo p =
        decode("{\"pid\":7,\"name\":\"java\",\"cpuPercent\":1.5,\"residentBytes\":1048576}")
            .topByCpu()
            .get(0);
    assertThat(p.user()).isNull();
    assertThat(p.commandLine()).isNull();
    assertThat(p.name()).isEqualTo("java");
  }

  @Test
  void aProcessWithoutThemIsWrittenWithoutThemSoAnOlderConsoleReadsIt() {
    ProcessInfo p = new ProcessInfo(7, "java", 1.5, 1 << 20);
    String json =
        new String(
            MessageCodec.encode(new SlowReport(1L, List.of(), List.of(p), List.of())),
            StandardCharsets.UTF_8);
    assertThat(json).doesNotContain("user").doesNotContain("commandLine");
  }

  @Test
  void aCommandLineThatWouldRedrawATerminalIsRefusedNamingTheField() {
    assertThatThrownBy(
            () ->
                decode(
                    "{\"pid\":7,\"name\":\"java\",\"cpuPercent\":1.5,\"residentBytes\":1,"
                        + "\"commandLine\":\"java \\u001b[2J\"}"))
        .isInstanceOf(ProtocolException.class)
        .hasMessageContaining("topByCpu[0]: commandLine must be printable text");
  }

  @Test
  void overlongUserAndCommandLineAreRefused() {
    String longLine = "x".repeat(ProcessInfo.MAX_COMMAND_LINE + 1);
    assertThatThrownBy(
            () ->
                decode(
                    "{\"pid\":7,\"name\":\"j\",\"cpuPercent\":0,\"residentBytes\":1,"
                        + "\"commandLine\":\""
                        + longLine
                        + "\"}"))
        .isInstanceOf(ProtocolException.class)
        .hasMessageContaining("commandLine is longer than 512 characters");
    assertThatThrownBy(
            () ->
                decode(
                    "{\"pid\":7,\"name\":\"j\",\"cpuPercent\":0,\"residentBytes\":1,"
                        + "\"user\":\""
                        + "u".repeat(65)
                        + "\"}"))
        .isInstanceOf(ProtocolException.class)
        .hasMessageContaining("user is longer than 64 characters");
  }
}
