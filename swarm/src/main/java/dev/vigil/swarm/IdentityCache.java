package dev.vigil.swarm;

import dev.vigil.common.DataDirectories;
import dev.vigil.protocol.tls.Fingerprint;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

/**
 * Keeps simulated agents' identities between runs in one owner-only file (one line each: id, PKCS#8
 * key and certificate in base64), so a second run against the same console finds its agents already
 * enrolled. Making 10,000 EC keys and certificates takes seconds; reading them back less.
 */
public final class IdentityCache {
  private IdentityCache() {}

  /**
   * The first {@code count} identities from {@code file}, making and saving any that are missing.
   *
   * @param file the cache, or null to make every identity fresh and keep none
   */
  public static List<SimIdentity> load(Path file, int count) throws IOException {
    List<SimIdentity> identities = new ArrayList<>();
    if (file != null && Files.exists(file)) {
      for (String line : Files.readAllLines(file, StandardCharsets.US_ASCII)) {
        if (!line.isBlank() && identities.size() < count) {
          identities.add(parse(file, line));
        }
      }
    }
    int have = identities.size();
    if (have < count) {
      identities.addAll(
          IntStream.range(have, count).parallel().mapToObj(SimIdentity::create).toList());
      if (file != null) {
        StringBuilder text = new StringBuilder();
        identities.forEach(id -> text.append(format(id)).append('\n'));
        DataDirectories.writePrivately(file, text.toString());
      }
    }
    return identities;
  }

  /** Fresh in-memory identities, none kept. */
  public static List<SimIdentity> fresh(int count) {
    return IntStream.range(0, count).parallel().mapToObj(SimIdentity::create).toList();
  }

  private static String format(SimIdentity id) {
    Base64.Encoder b64 = Base64.getEncoder();
    try {
      return id.agentId()
          + " "
          + b64.encodeToString(id.privateKey().getEncoded())
          + " "
          + b64.encodeToString(id.certificate().getEncoded());
    } catch (java.security.cert.CertificateEncodingException e) {
      throw new IllegalStateException("cannot encode a certificate made in this JVM", e);
    }
  }

  private static SimIdentity parse(Path file, String line) throws IOException {
    String[] parts = line.trim().split(" ");
    try {
      if (parts.length != 3) {
        throw new IllegalArgumentException("expected 3 fields");
      }
      Base64.Decoder b64 = Base64.getDecoder();
      var key =
          KeyFactory.getInstance("EC")
              .generatePrivate(new PKCS8EncodedKeySpec(b64.decode(parts[1])));
      var cert =
          (X509Certificate)
              CertificateFactory.getInstance("X.509")
                  .generateCertificate(new ByteArrayInputStream(b64.decode(parts[2])));
      return new SimIdentity(UUID.fromString(parts[0]), key, cert, Fingerprint.of(cert));
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new IOException(
          file + " holds a damaged line (" + e.getMessage() + "); delete the file", e);
    }
  }
}
