package dev.vigil.protocol.tls;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.cert.Certificate;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * The SHA-256 fingerprint of a peer's public key, written as SSH does: {@code SHA256:} followed by
 * unpadded base64. Pinning the key (not the certificate) lets a peer re-issue its certificate
 * without being re-approved.
 *
 * @param value the text form, for example {@code
 *     SHA256:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU}
 */
public record Fingerprint(String value) {
  private static final Pattern FORM = Pattern.compile("SHA256:[A-Za-z0-9+/]{43}");

  public Fingerprint {
    if (value == null || !FORM.matcher(value).matches()) {
      throw new IllegalArgumentException(
          "a fingerprint looks like SHA256: followed by 43 base64 characters, got '" + value + "'");
    }
  }

  /** Parses the text form, naming what is wrong. */
  public static Fingerprint parse(String text) {
    return new Fingerprint(text == null ? null : text.trim());
  }

  /** The fingerprint of a public key (SHA-256 of its SubjectPublicKeyInfo encoding). */
  public static Fingerprint of(PublicKey key) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getEncoded());
      return new Fingerprint(
          "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(digest));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("this JDK has no SHA-256", e);
    }
  }

  /** The fingerprint of a certificate's public key. */
  public static Fingerprint of(Certificate certificate) {
    return of(certificate.getPublicKey());
  }

  @Override
  public String toString() {
    return value;
  }
}
