package dev.vigil.console.manager.notify;

import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A self-signed server certificate for {@code localhost} and {@code 127.0.0.1}, made in the test,
 * as a PEM file (what a channel's {@code trust} key names) and a PKCS#12 key store (what the test
 * servers present).
 *
 * @param pem the certificate, PEM
 * @param keyStore the key and certificate, PKCS#12 with {@link #PASSWORD}
 */
record LoopbackCertificate(Path pem, Path keyStore, KeyStore store) {
  static final String PASSWORD = "changeit";

  static LoopbackCertificate create(Path dir, String name) throws IOException {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom());
      KeyPair pair = generator.generateKeyPair();
      X500Name subject = new X500Name("CN=" + name);
      Instant now = Instant.now();
      JcaX509v3CertificateBuilder builder =
          new JcaX509v3CertificateBuilder(
              subject,
              BigInteger.valueOf(new SecureRandom().nextLong() & Long.MAX_VALUE)
                  .add(BigInteger.ONE),
              Date.from(now.minus(Duration.ofDays(1))),
              Date.from(now.plus(Duration.ofDays(30))),
              subject,
              pair.getPublic());
      builder.addExtension(
          Extension.subjectAlternativeName,
          false,
          new GeneralNames(
              new GeneralName[] {
                new GeneralName(GeneralName.dNSName, "localhost"),
                new GeneralName(GeneralName.iPAddress, "127.0.0.1")
              }));
      X509Certificate cert =
          new JcaX509CertificateConverter()
              .getCertificate(
                  builder.build(
                      new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate())));
      Path pem = dir.resolve(name + ".pem");
      StringWriter text = new StringWriter();
      try (JcaPEMWriter w = new JcaPEMWriter(text)) {
        w.writeObject(cert);
      }
      Files.writeString(pem, text.toString());
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      store.setKeyEntry(
          "server", pair.getPrivate(), PASSWORD.toCharArray(), new Certificate[] {cert});
      Path p12 = dir.resolve(name + ".p12");
      try (OutputStream out = Files.newOutputStream(p12)) {
        store.store(out, PASSWORD.toCharArray());
      }
      return new LoopbackCertificate(pem, p12, store);
    } catch (GeneralSecurityException | org.bouncycastle.operator.OperatorCreationException e) {
      throw new IllegalStateException("cannot make a test certificate", e);
    }
  }

  /** A server-side TLS context presenting this certificate. */
  SSLContext serverContext() {
    try {
      KeyManagerFactory kmf =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(store, PASSWORD.toCharArray());
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(kmf.getKeyManagers(), null, null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
