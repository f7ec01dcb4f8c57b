package dev.vigil.console.manager.api.wire;

import dev.vigil.protocol.frame.ProtocolException;
import dev.vigil.protocol.message.ErrorCode;
import java.io.ByteArrayOutputStream;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * The operator channel's compressed pushed frames, for a console that asked for them when it
 * subscribed: a frame whose first byte is {@link #MARK} (never the first byte of JSON) carries raw
 * DEFLATE data that inflates to exactly one JSON frame. One compression context lasts the session
 * (each frame ends with a sync flush), so names and values repeated from earlier frames cost almost
 * nothing. Only the snapshot and events are compressed, never a call's answer: an enrollment token
 * is never in a context that agent-supplied text also feeds.
 */
public final class CompressedFrames {
  /** The first byte of a compressed frame. */
  public static final byte MARK = 0x01;

  /** The subscribe frame's member that asks for them, with the value {@link #DEFLATE}. */
  public static final String MEMBER = "compress";

  /** The only compression there is. */
  public static final String DEFLATE = "deflate";

  private CompressedFrames() {}

  /** Whether a frame's body is a compressed frame. */
  public static boolean compressed(byte[] body) {
    return body.length > 0 && body[0] == MARK;
  }

  /** The manager's side: one per session, used in frame order. Not thread-safe. */
  public static final class Compressor {
    private final Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
    private final byte[] buffer = new byte[64 * 1024];

    /** {@code frame} compressed, after every frame compressed before it. */
    public byte[] compress(byte[] frame) {
      ByteArrayOutputStream out = new ByteArrayOutputStream(frame.length / 4 + 16);
      out.write(MARK);
      deflater.setInput(frame);
      int n;
      do {
        n = deflater.deflate(buffer, 0, buffer.length, Deflater.SYNC_FLUSH);
        out.write(buffer, 0, n);
      } while (n == buffer.length);
      return out.toByteArray();
    }

    /** Frees the native memory; the compressor is not used afterwards. */
    public void close() {
      deflater.end();
    }
  }

  /** The console's side: one per session, fed the compressed frames in order. Not thread-safe. */
  public static final class Decompressor {
    private final Inflater inflater = new Inflater(true);
    private final int maxFrameBytes;
    private final byte[] buffer = new byte[64 * 1024];

    /**
     * @param maxFrameBytes the most one frame may inflate to: more is a malformed frame, not memory
     */
    public Decompressor(int maxFrameBytes) {
      this.maxFrameBytes = maxFrameBytes;
    }

    /**
     * The JSON frame a compressed frame carries.
     *
     * @throws ProtocolException when it does not inflate, or inflates to more than the limit
     */
    public byte[] decompress(byte[] body) throws ProtocolException {
      inflater.setInput(body, 1, body.length - 1);
      ByteArrayOutputStream out =
          new ByteArrayOutputStream(Math.min(maxFrameBytes, body.length * 8));
      try {
        while (true) {
          int n = inflater.inflate(buffer);
          if (n == 0) {
            if (inflater.needsInput() || inflater.finished()) {
              break;
            }
            throw new ProtocolException(
                ErrorCode.MALFORMED_FRAME, "a compressed frame asks for a preset dictionary");
          }
          if (out.size() + n > maxFrameBytes) {
            throw new ProtocolException(
                ErrorCode.MALFORMED_FRAME,
                "a compressed frame inflates to more than " + maxFrameBytes + " bytes");
          }
          out.write(buffer, 0, n);
        }
      } catch (DataFormatException e) {
        throw new ProtocolException(
            ErrorCode.MALFORMED_FRAME, "a compressed frame does not inflate: " + e.getMessage(), e);
      }
      return out.toByteArray();
    }

    /** Frees the native memory; the decompressor is not used afterwards. */
    public void close() {
      inflater.end();
    }
  }
}
