package org.openstc.perf;

import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import java.io.File;
import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The TLS 1.3 peer's PKI, generated at start with Bouncy Castle: an EC P-256 CA, a server
 * certificate for 127.0.0.1 and a client certificate, all ECDSA-SHA256. The contexts use the JDK
 * provider, TLS 1.3 only, AES-256-GCM (the key size of the Noise AESGCM suites), and the server
 * requires a client certificate.
 */
final class TestPki {
  static final List<String> CIPHERS = List.of("TLS_AES_256_GCM_SHA384");

  final KeyPair caKey;
  final X509Certificate ca;
  final KeyPair serverKey;
  final X509Certificate server;
  final KeyPair clientKey;
  final X509Certificate client;

  private TestPki() throws GeneralSecurityException {
    try {
      caKey = p256();
      ca = issue("CN=openstc perf CA", caKey, "CN=openstc perf CA", caKey.getPrivate(), true);
      serverKey = p256();
      server = issue("CN=127.0.0.1", serverKey, "CN=openstc perf CA", caKey.getPrivate(), false);
      clientKey = p256();
      client = issue("CN=perf client", clientKey, "CN=openstc perf CA", caKey.getPrivate(), false);
    } catch (org.bouncycastle.operator.OperatorCreationException
        | org.bouncycastle.cert.CertIOException e) {
      throw new GeneralSecurityException(e);
    }
  }

  static TestPki generate() throws GeneralSecurityException {
    return new TestPki();
  }

  private static KeyPair p256() throws GeneralSecurityException {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"));
    return g.generateKeyPair();
  }

  private static X509Certificate issue(String subject, KeyPair key, String issuer,
      PrivateKey issuerKey, boolean isCa) throws GeneralSecurityException,
      org.bouncycastle.operator.OperatorCreationException, org.bouncycastle.cert.CertIOException {
    long now = System.currentTimeMillis();
    JcaX509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(new X500Name(issuer),
        BigInteger.valueOf(now).add(BigInteger.valueOf(subject.hashCode() & 0xffff)),
        new Date(now - 3_600_000L), new Date(now + 86_400_000L), new X500Name(subject),
        key.getPublic());
    b.addExtension(Extension.basicConstraints, true, new BasicConstraints(isCa));
    if (!isCa) {
      b.addExtension(Extension.subjectAlternativeName, false,
          new GeneralNames(new GeneralName(GeneralName.iPAddress, "127.0.0.1")));
    }
    return new JcaX509CertificateConverter().getCertificate(
        b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKey)));
  }

  SslContext serverContext() throws IOException {
    return SslContextBuilder.forServer(serverKey.getPrivate(), server)
        .trustManager(ca).clientAuth(ClientAuth.REQUIRE).sslProvider(SslProvider.JDK)
        .protocols("TLSv1.3").ciphers(CIPHERS).build();
  }

  SslContext clientContext() throws IOException {
    return SslContextBuilder.forClient().keyManager(clientKey.getPrivate(), client)
        .trustManager(ca).sslProvider(SslProvider.JDK).protocols("TLSv1.3").ciphers(CIPHERS)
        .build();
  }

  /** Writes ca.pem, server.pem and server.key (PKCS#8) for a host in a child process. */
  void writeServerFiles(Path dir) throws IOException {
    Files.writeString(dir.resolve("ca.pem"), pem(ca));
    Files.writeString(dir.resolve("server.pem"), pem(server));
    Files.writeString(dir.resolve("server.key"), "-----BEGIN PRIVATE KEY-----\n"
        + Base64.getMimeEncoder(64, new byte[] {'\n'})
            .encodeToString(serverKey.getPrivate().getEncoded())
        + "\n-----END PRIVATE KEY-----\n");
  }

  static SslContext serverContext(Path dir) throws IOException {
    File ca = dir.resolve("ca.pem").toFile();
    return SslContextBuilder.forServer(dir.resolve("server.pem").toFile(),
            dir.resolve("server.key").toFile())
        .trustManager(ca).clientAuth(ClientAuth.REQUIRE).sslProvider(SslProvider.JDK)
        .protocols("TLSv1.3").ciphers(CIPHERS).build();
  }

  private static String pem(Object o) throws IOException {
    StringWriter w = new StringWriter();
    try (JcaPEMWriter p = new JcaPEMWriter(w)) {
      p.writeObject(o);
    }
    return w.toString();
  }
}
