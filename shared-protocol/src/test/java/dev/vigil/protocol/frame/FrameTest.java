package dev.vigil.protocol.frame;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.protocol.Protocol;
import dev.vigil.protocol.message.Message;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FrameTest {

  @Test
  void framesRoundTripThroughAStream() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    FrameWriter writer = new FrameWriter(bytes, Protocol.MAX_FRAME_BYTES);
    for (Message m : Samples.everyType()) {
      writer.writeMessage(m);
    }
    FrameReader reader =
        new FrameReader(new ByteArrayInputStream(bytes.toByteArray()), Protocol.MAX_FRAME_BYTES);
    for (Message m : Samples.everyType()) {
      assertThat(reader.readMessage()).isEqualTo(m);
    }
    assertThatThrownBy(reader::readFrame).isInstanceOf(EOFException.class);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, -1, Integer.MIN_VALUE, Protocol.MAX_FRAME_BYTES + 1, Integer.MAX_VALUE})
  void aLengthOutsideTheLimitsIsRefusedBeforeAnyAllocation(int length) {
    byte[] prefix = ByteBuffer.allocate(4).putInt(length).array();
    FrameReader reader =
        new FrameReader(new ByteArrayInputStream(prefix), Protocol.MAX_FRAME_BYTES);
    assertThatThrownBy(reader::readFrame)
        .isInstanceOf(ProtocolException.class)
        .hasMessageContaining("frame length " + length);
  }

  @Test
  void aTruncatedFrameIsAnEndOfStream() {
    byte[] data = ByteBuffer.allocate(6).putInt(100).put((byte) '{').put((byte) '"').array();
    FrameReader reader = new FrameReader(new ByteArrayInputStream(data), Protocol.MAX_FRAME_BYTES);
    assertThatThrownBy(reader::readFrame).isInstanceOf(EOFException.class);
  }

  @Test
  void theWriterRefusesFramesItsPeerWouldRefuse() {
    FrameWriter writer = new FrameWriter(new ByteArrayOutputStream(), 16);
    assertThatThrownBy(() -> writer.writeFrame(new byte[17]))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
