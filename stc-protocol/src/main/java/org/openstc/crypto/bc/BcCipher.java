package org.openstc.crypto.bc;

import java.security.GeneralSecurityException;
import java.security.InvalidAlgorithmParameterException;
import java.security.InvalidKeyException;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import javax.crypto.ShortBufferException;
import org.bouncycastle.crypto.DataLengthException;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.modes.AEADCipher;
import org.bouncycastle.crypto.modes.ChaCha20Poly1305;
import org.bouncycastle.crypto.modes.GCMBlockCipher;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.KeyParameter;
import org.openstc.crypto.Aead;
import org.openstc.crypto.CipherFunction;
import org.openstc.crypto.internal.NoiseNonces;
import org.openstc.crypto.SecretBytes;

/** AES-256-GCM and ChaCha20-Poly1305 on Bouncy Castle's lightweight AEAD ciphers. */
final class BcCipher implements CipherFunction {
  enum Kind {
    AESGCM("AESGCM"),
    CHACHAPOLY("ChaChaPoly");

    final String noiseName;

    Kind(String noiseName) {
      this.noiseName = noiseName;
    }

    AEADCipher newCipher() {
      return this == AESGCM ? GCMBlockCipher.newInstance(AESEngine.newInstance())
          : new ChaCha20Poly1305();
    }

    void nonce(long n, byte[] iv) {
      if (this == AESGCM) {
        NoiseNonces.aesGcm(n, iv);
      } else {
        NoiseNonces.chaChaPoly(n, iv);
      }
    }
  }

  private final Kind kind;

  BcCipher(Kind kind) {
    this.kind = kind;
  }

  @Override
  public String name() {
    return kind.noiseName;
  }

  @Override
  public Aead newAead(byte[] key) throws GeneralSecurityException {
    if (key == null || key.length != Aead.KEY_LENGTH) {
      throw new InvalidKeyException("cipher key must be 32 bytes");
    }
    return new Keyed(kind, key);
  }

  /**
   * One key, two cipher objects (one per direction) so that each is keyed once and later records
   * re-initialise only the nonce. Like SunJCE, BC refuses to encrypt twice under one nonce.
   * {@link #sealIv}/{@link #openIv} take the raw 96-bit nonce; they are package-private so that
   * only the Wycheproof tests reach them.
   */
  static final class Keyed implements Aead {
    private static final int TAG_BITS = TAG_LENGTH * 8;
    private final Kind kind;
    private final byte[] key;
    private final AEADCipher encryptor;
    private final AEADCipher decryptor;
    private final byte[] iv = new byte[12];
    private boolean encryptorKeyed;
    private boolean decryptorKeyed;
    private boolean destroyed;

    Keyed(Kind kind, byte[] key) {
      this.kind = kind;
      this.key = key.clone();
      this.encryptor = kind.newCipher();
      this.decryptor = kind.newCipher();
    }

    @Override
    public int seal(long nonce, byte[] ad, int adOff, int adLen, byte[] in, int inOff, int len,
        byte[] out, int outOff) throws GeneralSecurityException {
      checkAlive();
      kind.nonce(nonce, iv);
      return sealIv(iv, ad, adOff, adLen, in, inOff, len, out, outOff);
    }

    @Override
    public int open(long nonce, byte[] ad, int adOff, int adLen, byte[] in, int inOff, int len,
        byte[] out, int outOff) throws GeneralSecurityException {
      checkAlive();
      kind.nonce(nonce, iv);
      return openIv(iv, ad, adOff, adLen, in, inOff, len, out, outOff);
    }

    int sealIv(byte[] nonce, byte[] ad, int adOff, int adLen, byte[] in, int inOff, int len,
        byte[] out, int outOff) throws GeneralSecurityException {
      checkAlive();
      init(encryptor, true, nonce);
      encryptorKeyed = true;
      encryptor.processAADBytes(ad, adOff, adLen);
      try {
        int n = encryptor.processBytes(in, inOff, len, out, outOff);
        return n + encryptor.doFinal(out, outOff + n);
      } catch (DataLengthException e) {
        throw new ShortBufferException("output buffer too short");
      } catch (InvalidCipherTextException e) {
        throw new IllegalStateException("encryption cannot fail authentication", e);
      }
    }

    int openIv(byte[] nonce, byte[] ad, int adOff, int adLen, byte[] in, int inOff, int len,
        byte[] out, int outOff) throws GeneralSecurityException {
      checkAlive();
      if (len < TAG_LENGTH) {
        throw new AEADBadTagException("ciphertext shorter than the tag");
      }
      init(decryptor, false, nonce);
      decryptorKeyed = true;
      decryptor.processAADBytes(ad, adOff, adLen);
      try {
        int n = decryptor.processBytes(in, inOff, len, out, outOff);
        return n + decryptor.doFinal(out, outOff + n);
      } catch (InvalidCipherTextException | DataLengthException e) {
        // BC releases plaintext before the tag is checked: overwrite it so none can be used.
        Arrays.fill(out, outOff, Math.min(out.length, outOff + len - TAG_LENGTH), (byte) 0);
        throw new AEADBadTagException("decryption failed");
      }
    }

    /** Keys a cipher on first use; later calls pass a null key, which BC reads as "same key". */
    private void init(AEADCipher cipher, boolean encrypt, byte[] nonce)
        throws InvalidAlgorithmParameterException {
      boolean keyed = encrypt ? encryptorKeyed : decryptorKeyed;
      KeyParameter k = keyed ? null : new KeyParameter(key);
      try {
        cipher.init(encrypt, new AEADParameters(k, TAG_BITS, nonce));
      } catch (IllegalArgumentException e) {
        throw new InvalidAlgorithmParameterException(e.getMessage());
      }
    }

    private void checkAlive() {
      if (destroyed) {
        throw new IllegalStateException("AEAD key destroyed");
      }
    }

    /** Wipes the key and re-keys both ciphers with zeros so their key schedules are overwritten. */
    @Override
    public void destroy() {
      SecretBytes.wipe(key);
      AEADParameters zero = new AEADParameters(new KeyParameter(new byte[KEY_LENGTH]), TAG_BITS,
          new byte[12]);
      encryptor.init(false, zero);
      decryptor.init(false, zero);
      destroyed = true;
    }

    @Override
    public boolean isDestroyed() {
      return destroyed;
    }
  }
}
