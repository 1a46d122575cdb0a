package org.openstc.jca;

import java.math.BigInteger;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Self-signed certificates for partition keys, signed through the provider under test. */
final class Certificates {
  private Certificates() {}

  static X509Certificate selfSigned(String cn, PublicKey pub, PrivateKey key, Provider provider, String sigAlg)
      throws Exception {
    long now = System.currentTimeMillis();
    X500Name name = new X500Name("CN=" + cn);
    var builder = new JcaX509v3CertificateBuilder(name, BigInteger.valueOf(now), new Date(now - 60_000),
        new Date(now + 86_400_000L), name, pub);
    var signer = new JcaContentSignerBuilder(sigAlg).setProvider(provider).build(key);
    return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
  }
}
