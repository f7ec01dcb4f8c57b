package dev.vigil.console.manager.trust;

import com.google.gson.reflect.TypeToken;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Enrollment tokens, kept only as SHA-256 hashes in {@code tokens.json}: 160 random bits each, with
 * an expiry and a number of uses. Not thread-safe: the {@link TrustStore}'s lock guards it.
 */
final class EnrollmentTokens {
  private record StoredToken(String sha256, long expiresAtMillis, int usesLeft) {}

  private final Path file;
  private final List<StoredToken> tokens = new ArrayList<>();
  private final SecureRandom random = new SecureRandom();

  EnrollmentTokens(Path file) throws IOException {
    this.file = file;
    tokens.addAll(JsonFiles.read(file, new TypeToken<List<StoredToken>>() {}, List.of()));
  }

  /** Makes a token that admits up to {@code uses} new agents until it expires. */
  TrustStore.EnrollmentToken create(Duration ttl, int uses) {
    if (uses < 1) {
      throw new IllegalArgumentException("a token must admit at least one agent");
    }
    byte[] secret = new byte[20];
    random.nextBytes(secret);
    String token = "vgt_" + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    Instant expires = Instant.now().plus(ttl);
    long now = System.currentTimeMillis();
    tokens.removeIf(t -> t.expiresAtMillis() < now);
    tokens.add(new StoredToken(sha256(token), expires.toEpochMilli(), uses));
    JsonFiles.save(file, tokens);
    return new TrustStore.EnrollmentToken(token, expires, uses);
  }

  /**
   * One use of a token, as the trust store's journal records it with the agent it enrolled: the
   * token's hash and the uses it has left afterwards (an absolute count, so that applying it twice,
   * after a crash during compaction, changes nothing).
   */
  record Use(String sha256, int usesLeft) {}

  /**
   * What using a token once would leave, without using it yet; empty when it is unknown, expired or
   * used up. The caller records the use durably, then {@link #apply applies} it.
   */
  Optional<Use> redemption(String token, long now) {
    String hash = sha256(token);
    for (StoredToken t : tokens) {
      if (MessageDigest.isEqual(
          t.sha256().getBytes(StandardCharsets.US_ASCII),
          hash.getBytes(StandardCharsets.US_ASCII))) {
        if (t.expiresAtMillis() < now || t.usesLeft() <= 0) {
          return Optional.empty();
        }
        return Optional.of(new Use(t.sha256(), t.usesLeft() - 1));
      }
    }
    return Optional.empty();
  }

  /** Applies a recorded use in memory; {@link #save} writes it with the next snapshot. */
  void apply(Use use) {
    for (int i = 0; i < tokens.size(); i++) {
      StoredToken t = tokens.get(i);
      if (t.sha256().equals(use.sha256())) {
        int left = Math.min(t.usesLeft(), use.usesLeft());
        if (left <= 0) {
          tokens.remove(i);
        } else {
          tokens.set(i, new StoredToken(t.sha256(), t.expiresAtMillis(), left));
        }
        return;
      }
    }
  }

  /** Writes the tokens as they now are (owner-only, atomically). */
  void save() {
    JsonFiles.save(file, tokens);
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("this JDK has no SHA-256", e);
    }
  }
}
