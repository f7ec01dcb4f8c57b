package dev.vigil.protocol.bench;

import dev.vigil.protocol.datagram.AlertDatagram;
import dev.vigil.protocol.datagram.DatagramException;
import dev.vigil.protocol.frame.MessageCodec;
import dev.vigil.protocol.frame.ProtocolException;
import dev.vigil.protocol.message.AlertReport;
import dev.vigil.protocol.message.AlertState;
import dev.vigil.protocol.message.InterfaceRate;
import dev.vigil.protocol.message.Message;
import dev.vigil.protocol.message.Severity;
import dev.vigil.protocol.message.StatsReport;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The protocol's hot paths as one thread sees them: encoding and decoding a full stats report (what
 * every agent sends every second), and sealing and opening an alert datagram. Run with {@code
 * bench/codec-jmh.sh}; CI runs one short iteration of each as a smoke test.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class CodecBenchmark {
  private StatsReport stats;
  private byte[] statsFrame;
  private AlertReport alert;
  private byte[] sealed;
  private final byte[] key = new byte[32];
  private final UUID agent = UUID.fromString("3f0c8a52-6d1e-4b7a-9c55-0e2f1a7b9d10");
  private long counter;

  /** A report as a real 8-core agent with two interfaces sends it. */
  public static StatsReport typicalStats() {
    return StatsReport.builder(1_796_000_000_000L, 37.25, 6_442_450_944L, 17_179_869_184L, 312)
        .cpuPerCore(List.of(41.0, 35.5, 38.25, 29.0, 44.75, 33.0, 40.5, 36.0))
        .loadAverage(List.of(2.98, 2.41, 2.07))
        .memoryAvailable(10_737_418_240L)
        .swap(268_435_456L, 4_294_967_296L)
        .threads(1_847)
        .uptimeSeconds(1_209_600)
        .disk(1_048_576.5, 3_145_728.25)
        .network(
            List.of(
                new InterfaceRate("eth0", 2_621_440.5, 524_288.25),
                new InterfaceRate("docker0", 10_240.0, 8_192.0)))
        .agent(0.42, 91_226_112L)
        .build();
  }

  @Setup
  public void setUp() {
    stats = typicalStats();
    statsFrame = MessageCodec.encode(stats);
    alert =
        new AlertReport(
            42,
            "cpu",
            Severity.CRITICAL,
            AlertState.FIRING,
            97.5,
            90,
            1_796_000_000_000L,
            "CPU at 98% for 30 s (critical at 90%)");
    new java.util.Random(7).nextBytes(key);
    sealed = AlertDatagram.seal(agent, 1, key, alert);
  }

  @Benchmark
  public byte[] encodeStats() {
    return MessageCodec.encode(stats);
  }

  @Benchmark
  public Message decodeStats() throws ProtocolException {
    return MessageCodec.decode(statsFrame);
  }

  @Benchmark
  public byte[] sealDatagram() {
    return AlertDatagram.seal(agent, ++counter, key, alert);
  }

  @Benchmark
  public AlertReport openDatagram() throws DatagramException {
    return AlertDatagram.open(sealed, sealed.length, key);
  }
}
