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
  void aPeerThatAnnouncesAMebibyteAndSendsTenBytesHoldsOnlyASmallBuffer() {
    byte[] data =
        ByteBuffer.allocate(14).putInt(Protocol.MAX_FRAME_BYTES).put(new byte[10]).array();
    FrameReader reader = new FrameReader(new ByteArrayInputStream(data), Protocol.MAX_FRAME_BYTES);
    assertThatThrownBy(reader::readFrame).isInstanceOf(EOFException.class);
    // The old reader allocated the announced 1 MiB before the first body byte.
    assertThat(reader.largestBufferBytes()).isLessThanOrEqualTo(FrameReader.FIRST_BUFFER_BYTES);
  }

  @Test
  void theBufferGrowsOnlyWithTheBytesThatArrived() {
    int sent = 100_000;
    byte[] data = ByteBuffer.allocate(4 + sent).putInt(Protocol.MAX_FRAME_BYTES).array();
    FrameReader reader = new FrameReader(new TricklingStream(data, 1000), Protocol.MAX_FRAME_BYTES);
    assertThatThrownBy(reader::readFrame).isInstanceOf(EOFException.class);
    assertThat(reader.largestBufferBytes()).isLessThanOrEqualTo(2 * sent);
  }

  @Test
  void aWholeFrameArrivingInSmallPiecesIsReadExactly() throws Exception {
    byte[] body = MessageCodec.encode(Samples.everyType().get(0));
    byte[] padded = new byte[Protocol.MAX_FRAME_BYTES];
    java.util.Arrays.fill(padded, (byte) ' ');
    System.arraycopy(body, 0, padded, 0, body.length);
    byte[] data = ByteBuffer.allocate(4 + padded.length).putInt(padded.length).put(padded).array();
    FrameReader reader = new FrameReader(new TricklingStream(data, 777), Protocol.MAX_FRAME_BYTES);
    assertThat(reader.readFrame()).isEqualTo(padded);
  }

  @Test
  void theLimitIsAskedWhenTheLengthArrives() {
    int[] limit = {16};
    byte[] data = ByteBuffer.allocate(8).putInt(20).putInt(20).array();
    FrameReader reader = new FrameReader(new ByteArrayInputStream(data), () -> limit[0]);
    assertThatThrownBy(reader::readFrame)
        .isInstanceOf(ProtocolException.class)
        .hasMessageContaining("outside 1..16");
    limit[0] = 64;
    assertThatThrownBy(reader::readFrame).isInstanceOf(EOFException.class);
  }

  /** Hands out at most {@code step} bytes per read, as a slow network does. */
  private static final class TricklingStream extends ByteArrayInputStream {
    private final int step;

    TricklingStream(byte[] data, int step) {
      super(data);
      this.step = step;
    }

    @Override
    public synchronized int read(byte[] b, int off, int len) {
      return super.read(b, off, Math.min(len, step));
    }
  }

  @Test
  void theWriterRefusesFramesItsPeerWouldRefuse() {
    FrameWriter writer = new FrameWriter(new ByteArrayOutputStream(), 16);
    assertThatThrownBy(() -> writer.writeFrame(new byte[17]))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
