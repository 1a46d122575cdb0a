package org.openstc.crypto.wycheproof;

import java.io.IOException;
import java.security.spec.InvalidKeySpecException;
import java.util.Arrays;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;

/**
 * Strict test-side decoding of an EC SubjectPublicKeyInfo (RFC 5480) to the SEC1 point that the
 * engine's {@code DhKeyPair.agree} takes. The engine itself never parses SPKI: on the wire and in
 * identity files keys are raw points. Accepted: DER only (re-encoding must give the same bytes),
 * algorithm id-ecPublicKey, parameters the named-curve OID of the expected curve, a BIT STRING with
 * no unused bits. Everything else throws {@link InvalidKeySpecException}.
 */
final class Spki {
  private Spki() {}

  static byte[] ecPoint(byte[] der, ASN1ObjectIdentifier curve) throws InvalidKeySpecException {
    SubjectPublicKeyInfo spki = parseDer(der);
    AlgorithmIdentifier alg = spki.getAlgorithm();
    if (!X9ObjectIdentifiers.id_ecPublicKey.equals(alg.getAlgorithm())) {
      throw new InvalidKeySpecException("not an EC public key: " + alg.getAlgorithm());
    }
    ASN1Encodable params = alg.getParameters();
    if (!(params instanceof ASN1ObjectIdentifier)) {
      throw new InvalidKeySpecException("explicit or missing curve parameters");
    }
    if (!curve.equals(params)) {
      throw new InvalidKeySpecException("wrong curve: " + params);
    }
    DERBitString bits = (DERBitString) DERBitString.convert(spki.getPublicKeyData());
    if (bits.getPadBits() != 0) {
      throw new InvalidKeySpecException("public key BIT STRING has unused bits");
    }
    return bits.getOctets();
  }

  private static SubjectPublicKeyInfo parseDer(byte[] der) throws InvalidKeySpecException {
    try {
      SubjectPublicKeyInfo spki = SubjectPublicKeyInfo.getInstance(ASN1Primitive.fromByteArray(der));
      if (!Arrays.equals(spki.getEncoded(ASN1Encoding.DER), der)) {
        throw new InvalidKeySpecException("not DER");
      }
      return spki;
    } catch (IOException | RuntimeException e) {
      throw new InvalidKeySpecException("malformed SubjectPublicKeyInfo", e);
    }
  }
}
