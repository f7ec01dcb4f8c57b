package dev.vigil.protocol.bench;

import dev.vigil.protocol.datagram.AlertDatagram;
import dev.vigil.protocol.frame.MessageCodec;
import dev.vigil.protocol.message.AlertReport;
import dev.vigil.protocol.message.AlertState;
import dev.vigil.protocol.message.Severity;
import java.util.UUID;

/** Prints the wire size of a typical stats frame and alert datagram, for docs/performance.md. */
public final class StatsFrameSize {
  private StatsFrameSize() {}

  public static void main(String[] args) {
    int frame = MessageCodec.encode(CodecBenchmark.typicalStats()).length;
    AlertReport alert =
        new AlertReport(
            42,
            "cpu",
            Severity.CRITICAL,
            AlertState.FIRING,
            97.5,
            90,
            1_796_000_000_000L,
            "CPU at 98% for 30 s (critical at 90%)");
    int datagram = AlertDatagram.seal(UUID.randomUUID(), 1, new byte[32], alert).length;
    System.out.printf(
        "stats frame: %d bytes of JSON + 4 length bytes (8 cores, 2 interfaces);"
            + " alert datagram: %d bytes%n",
        frame, datagram);
  }
}
