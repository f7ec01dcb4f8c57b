package dev.vigil.protocol.frame;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.vigil.common.PrintableText;
import dev.vigil.protocol.datagram.AlertDatagram;
import dev.vigil.protocol.datagram.DatagramException;
import dev.vigil.protocol.message.Ack;
import dev.vigil.protocol.message.AlertReport;
import dev.vigil.protocol.message.AlertState;
import dev.vigil.protocol.message.CommandRequest;
import dev.vigil.protocol.message.CommandResult;
import dev.vigil.protocol.message.CommandStatus;
import dev.vigil.protocol.message.ErrorCode;
import dev.vigil.protocol.message.ErrorMessage;
import dev.vigil.protocol.message.FileSystemUsage;
import dev.vigil.protocol.message.Heartbeat;
import dev.vigil.protocol.message.Hello;
import dev.vigil.protocol.message.InterfaceRate;
import dev.vigil.protocol.message.Message;
import dev.vigil.protocol.message.Pending;
import dev.vigil.protocol.message.ProcessInfo;
import dev.vigil.protocol.message.Severity;
import dev.vigil.protocol.message.SlowReport;
import dev.vigil.protocol.message.StatsReport;
import dev.vigil.protocol.message.Welcome;
import java.util.List;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class MessagePropertiesTest {

  @Property(tries = 500)
  void anyValidMessageRoundTrips(@ForAll("messages") Message message) throws Exception {
    assertThat(MessageCodec.decode(MessageCodec.encode(message))).isEqualTo(message);
  }

  @Property(tries = 2000)
  void arbitraryBytesNeverEscapeAsAnythingButAProtocolException(@ForAll byte[] bytes) {
    assertThatCode(
            () -> {
              try {
                MessageCodec.decode(bytes);
              } catch (ProtocolException expected) {
                // refused cleanly
              }
            })
        .doesNotThrowAnyException();
  }

  @Property(tries = 2000)
  void arbitraryDatagramsNeverEscapeAsAnythingButADatagramException(@ForAll byte[] bytes) {
    byte[] key = new byte[AlertDatagram.KEY_BYTES];
    assertThatCode(
            () -> {
              try {
                AlertDatagram.open(bytes, bytes.length, key);
              } catch (DatagramException expected) {
                // refused cleanly
              }
            })
        .doesNotThrowAnyException();
  }

  @Provide
  Arbitrary<Message> messages() {
    // Valid text is printable: no control, format (bidi) or separator characters.
    Arbitrary<String> text =
        Arbitraries.strings().ofMaxLength(40).filter(s -> PrintableText.firstUnprintable(s) < 0);
    Arbitrary<String> names =
        Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(12);
    Arbitrary<Long> millis = Arbitraries.longs().between(0, 4_000_000_000_000L);
    Arbitrary<Message> hello =
        Combinators.combine(
                Arbitraries.integers().between(1, 9),
                Arbitraries.create(UUID::randomUUID).map(UUID::toString),
                text,
                text,
                text,
                names.list().ofMaxSize(5),
                Arbitraries.strings().alpha().ofMaxLength(40).injectNull(0.3))
            .as(Hello::new);
    Arbitrary<Message> pending = Combinators.combine(text, text).as(Pending::new);
    Arbitrary<Message> welcome =
        Combinators.combine(
                Arbitraries.integers().between(1, 9),
                text,
                Arbitraries.integers().between(1, 3600),
                Arbitraries.integers().between(0, 65535),
                Arbitraries.strings().alpha().ofMaxLength(44))
            .as(Welcome::new);
    Arbitrary<Message> heartbeat = millis.map(Heartbeat::new);
    Arbitrary<Message> error =
        Combinators.combine(Arbitraries.of(ErrorCode.class), text).as(ErrorMessage::new);
    Arbitrary<Message> stats =
        Combinators.combine(
                millis,
                Arbitraries.doubles().between(0, 100),
                Arbitraries.longs().between(0, 1L << 40),
                Arbitraries.integers().between(0, 100_000))
            .as((t, cpu, mem, procs) -> new StatsReport(t, cpu, mem / 2, mem, procs));
    Arbitrary<Message> alert =
        Combinators.combine(
                Arbitraries.longs().between(1, Long.MAX_VALUE),
                names,
                Arbitraries.of(Severity.class),
                Arbitraries.of(AlertState.class),
                Arbitraries.doubles().between(-1e9, 1e9),
                Arbitraries.doubles().between(-1e9, 1e9),
                millis,
                text)
            .as(AlertReport::new);
    Arbitrary<Message> result =
        Combinators.combine(
                Arbitraries.longs().between(1, Long.MAX_VALUE),
                text,
                Arbitraries.of(CommandStatus.class),
                text)
            .as(CommandResult::new);
    Arbitrary<Message> command =
        Combinators.combine(text, names, Arbitraries.maps(names, text).ofMaxSize(4))
            .as(CommandRequest::new);
    Arbitrary<Message> slow =
        Combinators.combine(
                millis,
                Combinators.combine(text, names, Arbitraries.longs().between(0, 1L << 40))
                    .as((m, t, total) -> new FileSystemUsage(m, t, total / 3, total))
                    .list()
                    .ofMaxSize(4),
                Combinators.combine(
                        Arbitraries.longs().between(0, 1 << 22),
                        text,
                        Arbitraries.doubles().between(0, 800),
                        Arbitraries.longs().between(0, 1L << 36))
                    .as(ProcessInfo::new)
                    .list()
                    .ofMaxSize(4))
            .as((t, fs, procs) -> new SlowReport(t, fs, procs, procs));
    Arbitrary<Message> fullStats =
        Combinators.combine(
                millis,
                Arbitraries.doubles().between(0, 100).list().ofMaxSize(8),
                Arbitraries.doubles().between(0, 64).list().ofSize(3),
                Arbitraries.integers().between(0, 100_000),
                Combinators.combine(
                        text,
                        Arbitraries.doubles().between(0, 1e9),
                        Arbitraries.doubles().between(0, 1e9))
                    .as(InterfaceRate::new)
                    .list()
                    .ofMaxSize(3))
            .as(
                (t, cores, load, threads, net) ->
                    StatsReport.builder(t, 50, 1, 2, 3)
                        .cpuPerCore(cores)
                        .loadAverage(load)
                        .memoryAvailable(1)
                        .threads(threads)
                        .uptimeSeconds(60)
                        .disk(1.5, 2.5)
                        .network(net)
                        .agent(0.3, 1L << 26)
                        .build());
    Arbitrary<Message> ack = Arbitraries.longs().between(1, Long.MAX_VALUE).map(Ack::new);
    return Arbitraries.oneOf(
        List.of(
            hello, pending, welcome, slow, fullStats, heartbeat, error, stats, alert, result,
            command, ack));
  }
}
