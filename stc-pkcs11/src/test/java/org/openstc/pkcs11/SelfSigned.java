package org.openstc.pkcs11;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** A throwaway self-signed X.509 certificate (DER) for certificate-object tests. */
final class SelfSigned {
  private SelfSigned() {}

  static byte[] certificate(String subject) throws Exception {
    KeyPair kp = KeyPairGenerator.getInstance("EC").generateKeyPair();
    X500Name name = new X500Name(subject);
    Date now = new Date();
    return new JcaX509v3CertificateBuilder(name, BigInteger.valueOf(now.getTime()), now,
        new Date(now.getTime() + 86_400_000L), name, kp.getPublic())
        .build(new JcaContentSignerBuilder("SHA256withECDSA").build(kp.getPrivate()))
        .getEncoded();
  }
}
