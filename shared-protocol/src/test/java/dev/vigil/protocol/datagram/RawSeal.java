package dev.vigil.protocol.datagram;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.util.UUID;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals any header and any plaintext exactly as docs/protocol.md section 5 says, including what
 * {@link AlertDatagram#seal} refuses to make: a counter of 0 or with its top bit set, a non-zero
 * reserved byte, another version, a payload that is not an alert. For tests only.
 */
public final class RawSeal {
  private RawSeal() {}

  /** The 28-byte header with the given fields. */
  public static byte[] header(int version, int reserved, UUID agentId, long counter) {
    return ByteBuffer.allocate(AlertDatagram.HEADER_BYTES)
        .put((byte) 0x56)
        .put((byte) 0x47)
        .put((byte) version)
        .put((byte) reserved)
        .putLong(agentId.getMostSignificantBits())
        .putLong(agentId.getLeastSignificantBits())
        .putLong(counter)
        .array();
  }

  /** Header, then the ChaCha20-Poly1305 ciphertext and tag of the plaintext under the key. */
  public static byte[] seal(byte[] header, byte[] key, byte[] plain) {
    long counter = ByteBuffer.wrap(header, 20, 8).getLong();
    try {
      Cipher cipher = Cipher.getInstance("ChaCha20-Poly1305");
      cipher.init(
          Cipher.ENCRYPT_MODE,
          new SecretKeySpec(key, "ChaCha20"),
          new IvParameterSpec(ByteBuffer.allocate(12).putInt(0).putLong(counter).array()));
      cipher.updateAAD(header);
      byte[] sealed = cipher.doFinal(plain);
      return ByteBuffer.allocate(header.length + sealed.length).put(header).put(sealed).array();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
