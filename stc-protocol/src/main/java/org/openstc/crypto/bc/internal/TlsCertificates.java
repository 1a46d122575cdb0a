package org.openstc.crypto.bc.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.Locale;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8DecryptorProviderBuilder;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.bouncycastle.pkcs.PKCSException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.openssl.PKCS8Generator;

/**
 * Internal: not API. The self-signed certificates of the NTLS link (host: {@code sysconf
 * regenCert}; client: {@code vtl createCert}), PEM reading and writing, and private keys as
 * encrypted PKCS#8 (PBES2: PBKDF2-HMAC-SHA256, AES-256-CBC), the form {@code openssl} reads.
 */
public final class TlsCertificates {
  /** Validity of a new certificate: ten years and two days, as the vendor's appliance. */
  public static final Duration VALIDITY = Duration.ofDays(3652 + 2);
  private static final BouncyCastleProvider BC = new BouncyCastleProvider();
  private static final SecureRandom RANDOM = new SecureRandom();

  private TlsCertificates() {}

  /** The key types a certificate can have. */
  public enum KeyAlgorithm {
    ECDSA_P256("ecdsa-p256"), RSA_2048("rsa-2048");

    private final String label;

    KeyAlgorithm(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }

    /** The algorithm for a {@code -keytype} value, case-insensitive. */
    public static KeyAlgorithm of(String label) {
      for (KeyAlgorithm a : values()) {
        if (a.label.equals(label.toLowerCase(Locale.ROOT))) {
          return a;
        }
      }
      throw new IllegalArgumentException("key type must be ecdsa-p256 or rsa-2048, not " + label);
    }
  }

  /** A certificate with its private key. */
  public record Issued(X509Certificate certificate, PrivateKey key) {}

  /** A new self-signed certificate with subject {@code O=openstc, CN=cn}, valid from now. */
  public static Issued selfSigned(String cn, KeyAlgorithm algorithm) throws GeneralSecurityException {
    Instant now = Instant.now();
    return selfSigned(cn, algorithm, now.minusSeconds(60), now.plus(VALIDITY));
  }

  /** As {@link #selfSigned(String, KeyAlgorithm)}, valid from {@code notBefore} to {@code notAfter}. */
  public static Issued selfSigned(String cn, KeyAlgorithm algorithm, Instant notBefore,
      Instant notAfter) throws GeneralSecurityException {
    KeyPair pair = keyPair(algorithm);
    X500Name name = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.O, "openstc")
        .addRDN(BCStyle.CN, cn).build();
    try {
      X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(name,
          new BigInteger(63, RANDOM).add(BigInteger.ONE), Date.from(notBefore),
          Date.from(notAfter), name, pair.getPublic());
      b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
      b.addExtension(Extension.keyUsage, true, new KeyUsage(algorithm == KeyAlgorithm.RSA_2048
          ? KeyUsage.digitalSignature | KeyUsage.keyEncipherment : KeyUsage.digitalSignature));
      b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(
          new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}));
      String sig = algorithm == KeyAlgorithm.RSA_2048 ? "SHA256withRSA" : "SHA256withECDSA";
      byte[] der = b.build(new JcaContentSignerBuilder(sig).build(pair.getPrivate())).getEncoded();
      return new Issued(certificate(der), pair.getPrivate());
    } catch (IOException | OperatorCreationException e) {
      throw new GeneralSecurityException("cannot build the certificate: " + e.getMessage(), e);
    }
  }

  private static KeyPair keyPair(KeyAlgorithm algorithm) throws GeneralSecurityException {
    if (algorithm == KeyAlgorithm.RSA_2048) {
      KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
      g.initialize(2048, RANDOM);
      return g.generateKeyPair();
    }
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
    return g.generateKeyPair();
  }

  /** Parses one X.509 certificate, PEM or DER. */
  public static X509Certificate certificate(byte[] pemOrDer) throws CertificateException {
    return (X509Certificate) CertificateFactory.getInstance("X.509")
        .generateCertificate(new ByteArrayInputStream(pemOrDer));
  }

  /** {@code -----BEGIN CERTIFICATE-----} text of {@code der}. */
  public static String pem(byte[] der) {
    return "-----BEGIN CERTIFICATE-----\n"
        + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
        + "\n-----END CERTIFICATE-----\n";
  }

  /** {@code key} as an encrypted PKCS#8 PEM ({@code ENCRYPTED PRIVATE KEY}) under {@code pass}. */
  public static byte[] encryptedKeyPem(PrivateKey key, char[] pass) throws GeneralSecurityException {
    try {
      JceOpenSSLPKCS8EncryptorBuilder eb = new JceOpenSSLPKCS8EncryptorBuilder(
          PKCS8Generator.AES_256_CBC).setProvider(BC).setRandom(RANDOM)
          .setPRF(PKCS8Generator.PRF_HMACSHA256).setIterationCount(100_000).setPassword(pass);
      StringWriter text = new StringWriter();
      try (JcaPEMWriter w = new JcaPEMWriter(text)) {
        w.writeObject(new JcaPKCS8Generator(key, eb.build()));
      }
      return text.toString().getBytes(StandardCharsets.US_ASCII);
    } catch (IOException | OperatorCreationException e) {
      throw new GeneralSecurityException("cannot encrypt the key: " + e.getMessage(), e);
    }
  }

  /**
   * Decrypts an {@code ENCRYPTED PRIVATE KEY} PEM; a wrong {@code pass} or another format is a
   * {@link GeneralSecurityException} saying so.
   */
  public static PrivateKey decryptKeyPem(byte[] pem, char[] pass) throws GeneralSecurityException {
    try (PEMParser parser = new PEMParser(new StringReader(new String(pem, StandardCharsets.US_ASCII)))) {
      Object o = parser.readObject();
      if (!(o instanceof PKCS8EncryptedPrivateKeyInfo info)) {
        throw new GeneralSecurityException("not an encrypted PKCS#8 private key (ENCRYPTED PRIVATE KEY)");
      }
      return new JcaPEMKeyConverter().getPrivateKey(info.decryptPrivateKeyInfo(
          new JceOpenSSLPKCS8DecryptorProviderBuilder().setProvider(BC).build(pass)));
    } catch (PKCSException e) {
      throw new GeneralSecurityException("cannot decrypt the private key (wrong passphrase or damaged file)", e);
    } catch (IOException | OperatorCreationException e) {
      throw new GeneralSecurityException("cannot read the private key: " + e.getMessage(), e);
    }
  }

  /** The SHA-256 of the certificate's DER, as colon-separated upper-case hex pairs. */
  public static String fingerprint(byte[] der) throws GeneralSecurityException {
    byte[] h = java.security.MessageDigest.getInstance("SHA-256").digest(der);
    StringBuilder s = new StringBuilder();
    for (byte b : h) {
      s.append(s.length() == 0 ? "" : ":").append(String.format("%02X", b & 0xff));
    }
    return s.toString();
  }
}
