package dev.vigil.protocol.datagram;

import dev.vigil.protocol.frame.MessageCodec;
import dev.vigil.protocol.frame.ProtocolException;
import dev.vigil.protocol.message.AlertReport;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.util.UUID;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The layout of an alert datagram, sealed with ChaCha20-Poly1305 under the agent's session key:
 *
 * <pre>
 * offset size
 *  0      2   magic "VG" (0x56 0x47)
 *  2      1   version (1)
 *  3      1   reserved (0)
 *  4     16   agent id (UUID, most significant bits first)
 * 20      8   counter (big-endian, 1 .. 2^63-1: the top bit is 0; starts at 1 per session key)
 * 28      n   ciphertext of the {@link MessageCodec} encoding of an {@link AlertReport}
 * 28+n   16   Poly1305 tag
 * </pre>
 *
 * The nonce is four zero bytes followed by the counter; the associated data is the 28-byte header.
 * Stateless and thread-safe; the console keeps one {@link ReplayWindow} per key.
 */
public final class AlertDatagram {
  /** Header bytes before the ciphertext. */
  public static final int HEADER_BYTES = 28;

  /** The Poly1305 tag length. */
  public static final int TAG_BYTES = 16;

  /** The largest datagram either side sends or accepts. */
  public static final int MAX_BYTES = 1200;

  /** The key length in bytes. */
  public static final int KEY_BYTES = 32;

  private static final byte MAGIC_0 = 0x56;
  private static final byte MAGIC_1 = 0x47;
  private static final byte VERSION = 1;
  private static final String CIPHER = "ChaCha20-Poly1305";

  private AlertDatagram() {}

  /** The cleartext header of a datagram: enough to find the key and check the counter. */
  public record Header(UUID agentId, long counter) {}

  /** Seals an alert for the wire. */
  public static byte[] seal(UUID agentId, long counter, byte[] key, AlertReport alert) {
    if (counter <= 0) {
      throw new IllegalArgumentException("counter must be positive");
    }
    byte[] plain = MessageCodec.encode(alert);
    ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES);
    header.put(MAGIC_0).put(MAGIC_1).put(VERSION).put((byte) 0);
    header.putLong(agentId.getMostSignificantBits()).putLong(agentId.getLeastSignificantBits());
    header.putLong(counter);
    byte[] headerBytes = header.array();
    try {
      Cipher cipher = Cipher.getInstance(CIPHER);
      cipher.init(
          Cipher.ENCRYPT_MODE,
          new SecretKeySpec(key, "ChaCha20"),
          new IvParameterSpec(nonce(counter)));
      cipher.updateAAD(headerBytes);
      byte[] sealed = cipher.doFinal(plain);
      if (HEADER_BYTES + sealed.length > MAX_BYTES) {
        throw new IllegalArgumentException("alert too large for one datagram");
      }
      return ByteBuffer.allocate(HEADER_BYTES + sealed.length).put(headerBytes).put(sealed).array();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("this JDK cannot seal with " + CIPHER, e);
    }
  }

  /**
   * Reads the cleartext header, checking only the layout: the size, magic, version, a zero reserved
   * byte and a counter from 1 to 2^63-1 (docs/protocol.md section 5).
   */
  public static Header header(byte[] data, int length) throws DatagramException {
    if (length < HEADER_BYTES + TAG_BYTES || length > MAX_BYTES) {
      throw malformed(
          "datagram of "
              + length
              + " bytes; it must be "
              + (HEADER_BYTES + TAG_BYTES)
              + " to "
              + MAX_BYTES);
    }
    if (data[0] != MAGIC_0 || data[1] != MAGIC_1) {
      throw malformed("bad magic; it must be 0x56 0x47 (\"VG\")");
    }
    if (data[2] != VERSION) {
      throw malformed("version " + (data[2] & 0xff) + "; this console reads version " + VERSION);
    }
    if (data[3] != 0) {
      throw malformed("reserved byte is " + (data[3] & 0xff) + "; it must be 0");
    }
    ByteBuffer b = ByteBuffer.wrap(data, 4, HEADER_BYTES - 4);
    UUID agentId = new UUID(b.getLong(), b.getLong());
    long counter = b.getLong();
    if (counter == 0) {
      throw malformed("counter 0; counters start at 1");
    }
    if (counter < 0) {
      // Unsigned 2^63 and above: a sender never gets there, and refusing it keeps the replay
      // window in plain signed arithmetic on every platform.
      throw malformed(
          "counter " + Long.toUnsignedString(counter) + " has its top bit set; it must be 0");
    }
    return new Header(agentId, counter);
  }

  private static DatagramException malformed(String message) {
    return new DatagramException(DatagramException.Reason.MALFORMED, message);
  }

  /**
   * Authenticates and decrypts a datagram whose header was read by {@link #header}.
   *
   * @throws DatagramException FORGED when the tag fails, MALFORMED when the plaintext is not an
   *     alert
   */
  public static AlertReport open(byte[] data, int length, byte[] key) throws DatagramException {
    Header header = header(data, length);
    byte[] plain;
    try {
      Cipher cipher = Cipher.getInstance(CIPHER);
      cipher.init(
          Cipher.DECRYPT_MODE,
          new SecretKeySpec(key, "ChaCha20"),
          new IvParameterSpec(nonce(header.counter())));
      cipher.updateAAD(data, 0, HEADER_BYTES);
      plain = cipher.doFinal(data, HEADER_BYTES, length - HEADER_BYTES);
    } catch (AEADBadTagException e) {
      throw new DatagramException(DatagramException.Reason.FORGED, "authentication failed");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("this JDK cannot open " + CIPHER, e);
    }
    // Authentic, but the sealed content must still be one strict alert frame body.
    try {
      if (MessageCodec.decode(plain) instanceof AlertReport alert) {
        return alert;
      }
    } catch (ProtocolException e) {
      throw malformed(e.getMessage());
    }
    throw malformed("the sealed message is not an alert");
  }

  private static byte[] nonce(long counter) {
    return ByteBuffer.allocate(12).putInt(0).putLong(counter).array();
  }
}
