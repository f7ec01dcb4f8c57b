package dev.vigil.protocol.tls;

import dev.vigil.common.DataDirectories;
import dev.vigil.common.FilePermissions;
import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A peer's own key pair and self-signed certificate (EC P-256), created on first start and kept in
 * its data directory readable by its owner only. Peers trust each other by pinning the key's {@link
 * Fingerprint}, not through a certificate authority. Immutable.
 */
public final class TlsIdentity {
  /** The private key's file name in the data directory. */
  public static final String KEY_FILE = "tls-key.pem";

  /** The certificate's file name in the data directory. */
  public static final String CERT_FILE = "tls-cert.pem";

  private final PrivateKey privateKey;
  private final X509Certificate certificate;
  private final Fingerprint fingerprint;

  private TlsIdentity(PrivateKey privateKey, X509Certificate certificate) {
    this.privateKey = privateKey;
    this.certificate = certificate;
    this.fingerprint = Fingerprint.of(certificate);
  }

  /**
   * Loads the identity from {@code dir}, creating it on first start.
   *
   * @param commonName the certificate's subject, for example {@code vigil-agent web-01}
   * @throws IOException when the files cannot be read or written; the message says which file
   * @throws dev.vigil.common.UnsafePermissionsException when others may read the key or write the
   *     directory
   */
  public static TlsIdentity loadOrCreate(Path dir, String commonName) throws IOException {
    Path keyFile = dir.resolve(KEY_FILE);
    Path certFile = dir.resolve(CERT_FILE);
    DataDirectories.createPrivate(dir);
    if (Files.exists(keyFile) && Files.exists(certFile)) {
      // A key others can read is no longer this peer's alone: refuse it, naming the fix.
      FilePermissions.requirePrivateFile(keyFile);
      return load(keyFile, certFile);
    }
    TlsIdentity created = create(commonName);
    writePrivate(keyFile, pem(new JcaPKCS8Generator(created.privateKey, null)));
    writePrivate(certFile, pem(created.certificate));
    return created;
  }

  /** A fresh identity that lives in memory only, for tests and simulations. */
  public static TlsIdentity create(String commonName) {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom());
      KeyPair pair = generator.generateKeyPair();
      X500Name subject = new X500Name("CN=" + commonName.replaceAll("[,=+<>#;\"\\\\]", "_"));
      Instant now = Instant.now();
      JcaX509v3CertificateBuilder builder =
          new JcaX509v3CertificateBuilder(
              subject,
              new BigInteger(64, new SecureRandom()).abs().add(BigInteger.ONE),
              Date.from(now.minus(Duration.ofDays(1))),
              Date.from(now.plus(Duration.ofDays(3650))),
              subject,
              pair.getPublic());
      X509Certificate cert =
          new JcaX509CertificateConverter()
              .getCertificate(
                  builder.build(
                      new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate())));
      return new TlsIdentity(pair.getPrivate(), cert);
    } catch (GeneralSecurityException | OperatorCreationException e) {
      throw new IllegalStateException("this JDK cannot create an EC P-256 key pair", e);
    }
  }

  private static TlsIdentity load(Path keyFile, Path certFile) throws IOException {
    PrivateKeyInfo info = readPem(keyFile, PrivateKeyInfo.class, "a private key", CERT_FILE);
    X509CertificateHolder holder =
        readPem(certFile, X509CertificateHolder.class, "a certificate", KEY_FILE);
    try {
      return new TlsIdentity(
          new JcaPEMKeyConverter().getPrivateKey(info),
          new JcaX509CertificateConverter().getCertificate(holder));
    } catch (java.security.cert.CertificateException e) {
      throw new IOException(certFile + " holds a damaged certificate: " + e.getMessage(), e);
    }
  }

  /** Reads the first PEM object of a file, saying what to do when it is not what it should be. */
  private static <T> T readPem(Path file, Class<T> type, String what, String partner)
      throws IOException {
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.US_ASCII);
        PEMParser parser = new PEMParser(r)) {
      Object o = parser.readObject();
      if (!type.isInstance(o)) {
        throw new IOException(
            file
                + " does not hold "
                + what
                + "; delete it and "
                + partner
                + " to create a new identity");
      }
      return type.cast(o);
    }
  }

  private static String pem(Object object) throws IOException {
    StringWriter text = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
      writer.writeObject(object);
    }
    return text.toString();
  }

  private static void writePrivate(Path file, String content) throws IOException {
    DataDirectories.writePrivately(file, content);
  }

  public PrivateKey privateKey() {
    return privateKey;
  }

  public X509Certificate certificate() {
    return certificate;
  }

  /** This identity's pin, as the other side sees it. */
  public Fingerprint fingerprint() {
    return fingerprint;
  }
}
