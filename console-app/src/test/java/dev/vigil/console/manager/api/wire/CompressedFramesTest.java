package dev.vigil.console.manager.api.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.protocol.frame.ProtocolException;
import java.nio.charset.StandardCharsets;
import java.util.zip.Deflater;
import org.junit.jupiter.api.Test;

/** Compressed pushed frames: one context per session, and a bomb or garbage is a bad frame. */
class CompressedFramesTest {

  @Test
  void framesInflateInOrderAndLaterOnesCostLessThanTheFirst() throws Exception {
    CompressedFrames.Compressor deflate = new CompressedFrames.Compressor();
    CompressedFrames.Decompressor inflate = new CompressedFrames.Decompressor(1 << 20);
    int firstSize = 0;
    int lastSize = 0;
    for (int i = 0; i < 50; i++) {
      String frame =
          "{\"type\":\"event\",\"kind\":\"agentPatches\",\"sequence\":"
              + i
              + ",\"value\":[{\"agentId\":\"a\",\"patch\":{\"lastSeenMillis\":"
              + (1_764_650_000_000L + i * 1000)
              + "}}]}";
      byte[] sent = deflate.compress(frame.getBytes(StandardCharsets.UTF_8));
      assertThat(CompressedFrames.compressed(sent)).isTrue();
      assertThat(new String(inflate.decompress(sent), StandardCharsets.UTF_8)).isEqualTo(frame);
      if (i == 0) {
        firstSize = sent.length;
      }
      lastSize = sent.length;
    }
    assertThat(lastSize).isLessThan(firstSize / 2);
    deflate.close();
    inflate.close();
  }

  @Test
  void aFrameThatInflatesPastTheLimitIsRefusedBeforeItIsHeld() {
    Deflater bomb = new Deflater(9, true);
    bomb.setInput(new byte[8 << 20]);
    bomb.finish();
    byte[] buffer = new byte[1 << 20];
    int n = bomb.deflate(buffer);
    byte[] body = new byte[n + 1];
    body[0] = CompressedFrames.MARK;
    System.arraycopy(buffer, 0, body, 1, n);

    CompressedFrames.Decompressor inflate = new CompressedFrames.Decompressor(1 << 20);

    assertThat(body.length).isLessThan(16 * 1024);
    assertThatThrownBy(() -> inflate.decompress(body))
        .isInstanceOf(ProtocolException.class)
        .hasMessageContaining("inflates to more than 1048576 bytes");
  }

  @Test
  void garbageIsAMalformedFrame() {
    byte[] body = {CompressedFrames.MARK, (byte) 0xff, (byte) 0xff, 0x13, 0x37};
    CompressedFrames.Decompressor inflate = new CompressedFrames.Decompressor(1 << 20);
    assertThatThrownBy(() -> inflate.decompress(body))
        .isInstanceOf(ProtocolException.class)
        .hasMessageContaining("compressed frame");
  }

  @Test
  void jsonIsNeverTakenForACompressedFrame() {
    assertThat(CompressedFrames.compressed("{\"type\":\"event\"}".getBytes(StandardCharsets.UTF_8)))
        .isFalse();
    assertThat(CompressedFrames.compressed(new byte[0])).isFalse();
  }
}
