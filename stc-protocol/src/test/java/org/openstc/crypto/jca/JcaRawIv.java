package org.openstc.crypto.jca;

import java.security.GeneralSecurityException;
import org.openstc.crypto.Aead;
import org.openstc.crypto.wycheproof.RawIvAead;

/** Opens the raw-nonce seam of {@link JcaCipher.Keyed} to the Wycheproof tests. */
public final class JcaRawIv {
  private JcaRawIv() {}

  /** The seam of {@code aead}, which must come from {@link JcaCryptoProvider}. */
  public static RawIvAead of(Aead aead) {
    JcaCipher.Keyed keyed = (JcaCipher.Keyed) aead;
    return new RawIvAead() {
      @Override
      public byte[] seal(byte[] iv, byte[] ad, byte[] pt) throws GeneralSecurityException {
        byte[] out = new byte[pt.length + Aead.TAG_LENGTH];
        keyed.sealIv(iv, ad, 0, ad.length, pt, 0, pt.length, out, 0);
        return out;
      }

      @Override
      public byte[] open(byte[] iv, byte[] ad, byte[] ct) throws GeneralSecurityException {
        byte[] out = new byte[Math.max(0, ct.length - Aead.TAG_LENGTH)];
        keyed.openIv(iv, ad, 0, ad.length, ct, 0, ct.length, out, 0);
        return out;
      }
    };
  }
}
