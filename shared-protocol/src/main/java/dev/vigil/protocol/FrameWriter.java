package dev.vigil.protocol;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Writes length-prefixed frames. Thread-safe: concurrent writers never interleave frames (a lock,
 * not {@code synchronized}, so virtual threads do not pin their carrier).
 */
public final class FrameWriter {
  private final DataOutputStream out;
  private final int maxFrameBytes;
  private final ReentrantLock lock = new ReentrantLock();

  public FrameWriter(OutputStream out, int maxFrameBytes) {
    this.out = new DataOutputStream(new BufferedOutputStream(out, 8192));
    this.maxFrameBytes = maxFrameBytes;
  }

  /** Writes one frame and flushes it. */
  public void writeFrame(byte[] body) throws IOException {
    if (body.length == 0 || body.length > maxFrameBytes) {
      throw new IllegalArgumentException(
          "frame of " + body.length + " bytes is outside 1.." + maxFrameBytes);
    }
    lock.lock();
    try {
      out.writeInt(body.length);
      out.write(body);
      out.flush();
    } finally {
      lock.unlock();
    }
  }

  /** Encodes and writes one message. */
  public void writeMessage(Message message) throws IOException {
    writeFrame(MessageCodec.encode(message));
  }
}
