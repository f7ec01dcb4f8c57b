package dev.vigil.protocol.frame;

import dev.vigil.protocol.message.ErrorCode;
import dev.vigil.protocol.message.Message;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.function.IntSupplier;

/**
 * Reads length-prefixed frames: a 4-byte big-endian length, then that many bytes of body. A length
 * of zero or less, or over the limit, is a {@link ProtocolException}. The body's buffer grows as
 * its bytes arrive, never ahead of them, so a peer that announces a large frame and sends little of
 * it holds little memory. Not thread-safe: one reader per connection.
 */
public final class FrameReader {
  /** The first buffer for a frame's body; it doubles as bytes arrive, up to the frame's length. */
  static final int FIRST_BUFFER_BYTES = 8 * 1024;

  private final DataInputStream in;
  private final IntSupplier maxFrameBytes;
  private int largestBuffer;

  public FrameReader(InputStream in, int maxFrameBytes) {
    this(in, () -> maxFrameBytes);
  }

  /**
   * A reader whose limit may change during a session: it is asked once per frame, when the length
   * prefix has arrived (so a session admitted while the reader waited gets the new limit for the
   * frame that follows).
   */
  public FrameReader(InputStream in, IntSupplier maxFrameBytes) {
    this.in = new DataInputStream(in);
    this.maxFrameBytes = maxFrameBytes;
  }

  /**
   * Reads the next frame's body.
   *
   * @throws EOFException when the stream ends, cleanly between frames or inside one
   * @throws ProtocolException when the length prefix is out of range
   */
  public byte[] readFrame() throws IOException {
    int length = in.readInt();
    int max = maxFrameBytes.getAsInt();
    if (length <= 0 || length > max) {
      throw new ProtocolException(
          ErrorCode.MALFORMED_FRAME, "frame length " + length + " is outside 1.." + max + " bytes");
    }
    byte[] body = new byte[Math.min(length, FIRST_BUFFER_BYTES)];
    noteBuffer(body.length);
    int filled = 0;
    while (true) {
      int n = in.read(body, filled, body.length - filled);
      if (n < 0) {
        throw new EOFException("the stream ended " + filled + " bytes into a frame of " + length);
      }
      filled += n;
      if (filled == length) {
        return body;
      }
      if (filled == body.length) {
        // Doubling keeps the copies to at most the frame's length in total.
        body = Arrays.copyOf(body, (int) Math.min(length, 2L * body.length));
        noteBuffer(body.length);
      }
    }
  }

  private void noteBuffer(int bytes) {
    largestBuffer = Math.max(largestBuffer, bytes);
  }

  /**
   * The largest body buffer this reader has allocated, for tests of what a peer can make it hold.
   */
  int largestBufferBytes() {
    return largestBuffer;
  }

  /** Reads and decodes the next message. */
  public Message readMessage() throws IOException {
    return MessageCodec.decode(readFrame());
  }
}
