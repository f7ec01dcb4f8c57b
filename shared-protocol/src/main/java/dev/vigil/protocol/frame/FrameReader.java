package dev.vigil.protocol.frame;

import dev.vigil.protocol.message.ErrorCode;
import dev.vigil.protocol.message.Message;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads length-prefixed frames: a 4-byte big-endian length, then that many bytes of body. A length
 * of zero or less, or over the maximum, is a {@link ProtocolException}. Not thread-safe: one reader
 * per connection.
 */
public final class FrameReader {
  private final DataInputStream in;
  private final int maxFrameBytes;

  public FrameReader(InputStream in, int maxFrameBytes) {
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
    if (length <= 0 || length > maxFrameBytes) {
      throw new ProtocolException(
          ErrorCode.MALFORMED_FRAME,
          "frame length " + length + " is outside 1.." + maxFrameBytes + " bytes");
    }
    byte[] body = new byte[length];
    in.readFully(body);
    return body;
  }

  /** Reads and decodes the next message. */
  public Message readMessage() throws IOException {
    return MessageCodec.decode(readFrame());
  }
}
