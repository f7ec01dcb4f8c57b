package dev.vigil.protocol.frame;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.vigil.protocol.Protocol;
import dev.vigil.protocol.datagram.AlertDatagram;
import dev.vigil.protocol.datagram.DatagramException;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;

/**
 * Coverage-guided fuzzing of everything that reads bytes from the network. Without {@code
 * JAZZER_FUZZ=1} these run once over their seed corpus as regression tests; with it, each fuzzes
 * for its time box (see docs/protocol-fuzzing.md). Any exception other than the refusal the decoder
 * promises is a finding.
 */
class DecoderFuzzTest {
  private static final byte[] KEY = new byte[AlertDatagram.KEY_BYTES];

  @FuzzTest(maxDuration = "60s")
  void framesAreDecodedOrRefusedCleanly(byte[] input) throws IOException {
    FrameReader reader = new FrameReader(new ByteArrayInputStream(input), Protocol.MAX_FRAME_BYTES);
    try {
      while (true) {
        reader.readMessage();
      }
    } catch (ProtocolException | EOFException expected) {
      // refused, or the input ended: both are what the decoder promises
    }
  }

  @FuzzTest(maxDuration = "60s")
  void datagramsAreOpenedOrRefusedCleanly(byte[] input) {
    try {
      AlertDatagram.open(input, input.length, KEY);
    } catch (DatagramException expected) {
      // dropped and counted by the console
    }
  }
}
