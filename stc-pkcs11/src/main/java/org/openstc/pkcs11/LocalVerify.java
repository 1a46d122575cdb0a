package org.openstc.pkcs11;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;

/**
 * Signature verification with the public key, in this process (the partition holds only the
 * private half's operations): ECDSA P-256 over a digest or over SHA-256 of the data with the
 * raw {@code r || s} signature PKCS#11 uses, and Ed25519.
 */
final class LocalVerify {
  private LocalVerify() {}

  static byte[] sha256(byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(data);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("no SHA-256", e);
    }
  }

  /** CKR_OK, CKR_SIGNATURE_INVALID or CKR_SIGNATURE_LEN_RANGE. */
  static long verify(P11Object key, long mechanism, byte[] data, byte[] signature)
      throws CkrException {
    if (signature.length != 64) {
      return Ck.CKR_SIGNATURE_LEN_RANGE;
    }
    try {
      byte[] spki = key.entry().publicKeySpki();
      boolean ed = key.entry().kind() == Backend.Kind.ED25519;
      PublicKey pub = KeyFactory.getInstance(ed ? "Ed25519" : "EC")
          .generatePublic(new X509EncodedKeySpec(spki));
      Signature v;
      byte[] sig;
      if (ed) {
        v = Signature.getInstance("Ed25519");
        sig = signature;
      } else {
        v = Signature.getInstance(mechanism == Ck.CKM_ECDSA ? "NONEwithECDSA" : "SHA256withECDSA");
        sig = derEcdsa(signature);
      }
      v.initVerify(pub);
      v.update(data);
      return v.verify(sig) ? Ck.CKR_OK : Ck.CKR_SIGNATURE_INVALID;
    } catch (java.security.SignatureException e) {
      return Ck.CKR_SIGNATURE_INVALID;
    } catch (GeneralSecurityException e) {
      throw new CkrException(Ck.CKR_GENERAL_ERROR, "cannot verify: " + e);
    }
  }

  /** The DER ECDSA-Sig-Value of a raw P-256 {@code r || s}. */
  static byte[] derEcdsa(byte[] raw) {
    byte[] r = new BigInteger(1, Arrays.copyOfRange(raw, 0, 32)).toByteArray();
    byte[] s = new BigInteger(1, Arrays.copyOfRange(raw, 32, 64)).toByteArray();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(0x30);
    out.write(4 + r.length + s.length);
    out.write(0x02);
    out.write(r.length);
    out.writeBytes(r);
    out.write(0x02);
    out.write(s.length);
    out.writeBytes(s);
    return out.toByteArray();
  }
}
