package dev.vigil.common;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * The hash chain over audit rows, on the console and on the agent: each row's hash is SHA-256 of
 * the previous row's hash and the row's canonical content, so editing, inserting or removing a row
 * breaks every hash after it. The canonical content frames each field by its length, so no two
 * different rows read the same. Stateless and thread-safe.
 */
public final class HashChain {
  /** The hash before the first row of a chain: 64 zeros. */
  public static final String GENESIS = "0".repeat(64);

  private HashChain() {}

  /** The hash of a row whose fields are {@code fields}, after a row whose hash is {@code prev}. */
  public static String next(String prev, List<String> fields) {
    StringBuilder canonical = new StringBuilder(prev).append('\n');
    for (String field : fields) {
      String value = field == null ? "" : field;
      canonical.append(value.length()).append(':').append(value).append('\n');
    }
    return sha256(canonical.toString());
  }

  /** The hash of a row given as one text (the agent's JSON line), after {@code prev}. */
  public static String next(String prev, String row) {
    return sha256(prev + "\n" + row);
  }

  /** SHA-256 of a text as 64 lower-case hex digits (an enrollment token is stored so). */
  public static String sha256(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("this Java runtime has no SHA-256", e);
    }
  }

  /** Whether {@code text} looks like a hash of this chain: 64 lower-case hex digits. */
  public static boolean isHash(String text) {
    return text != null && text.length() == 64 && text.chars().allMatch(HashChain::isHexDigit);
  }

  private static boolean isHexDigit(int c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
  }
}
