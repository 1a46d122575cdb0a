package org.openstc.crypto.jca;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.spec.AlgorithmParameterSpec;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.openstc.crypto.Aead;
import org.openstc.crypto.CipherFunction;
import org.openstc.crypto.internal.NoiseNonces;
import org.openstc.crypto.SecretBytes;

/** AES-256-GCM and ChaCha20-Poly1305 on SunJCE. */
final class JcaCipher implements CipherFunction {
  private static final SecureRandom SECURE_RANDOM = new SecureRandom();
  enum Kind {
    AESGCM("AESGCM", "AES/GCM/NoPadding", "AES"),
    CHACHAPOLY("ChaChaPoly", "ChaCha20-Poly1305", "ChaCha20");

    final String noiseName;
    final String transformation;
    final String keyAlgorithm;

    Kind(String noiseName, String transformation, String keyAlgorithm) {
      this.noiseName = noiseName;
      this.transformation = transformation;
      this.keyAlgorithm = keyAlgorithm;
    }
  }

  private final Kind kind;

  JcaCipher(Kind kind) {
    this.kind = kind;
  }

  @Override
  public String name() {
    return kind.noiseName;
  }

  @Override
  public Aead newAead(byte[] key) throws GeneralSecurityException {
    if (key.length != Aead.KEY_LENGTH) {
      throw new java.security.InvalidKeyException("cipher key must be 32 bytes");
    }
    return new Keyed(kind, key);
  }

  /**
   * One key and one reused {@link Cipher}. {@link #sealIv}/{@link #openIv} take the raw 96-bit
   * nonce; they are package-private so that only the Wycheproof tests reach them.
   *
   * <p>The key lives in a {@link SecretKeySpec} (its own copy) and in the cipher's key schedule.
   * {@link #destroy()} drops the spec and re-keys the cipher with a random throwaway key, so neither
   * is reachable from here afterwards. Best effort: neither the spec nor SunJCE's key schedule can
   * be overwritten from outside, so the bytes stay in the heap until the collector reuses it.
   */
  static final class Keyed implements Aead {
    private final Kind kind;
    final Cipher cipher;
    private final byte[] iv = new byte[12];
    private final byte[] lastNonce = new byte[12];
    SecretKeySpec key;
    private int lastMode;

    Keyed(Kind kind, byte[] key) throws GeneralSecurityException {
      this.kind = kind;
      this.key = new SecretKeySpec(key, kind.keyAlgorithm);
      this.cipher = Cipher.getInstance(kind.transformation);
    }

    private AlgorithmParameterSpec params(byte[] nonce) {
      return kind == Kind.AESGCM ? new GCMParameterSpec(TAG_LENGTH * 8, nonce)
          : new IvParameterSpec(nonce);
    }

    private byte[] noiseNonce(long nonce) {
      if (kind == Kind.AESGCM) {
        NoiseNonces.aesGcm(nonce, iv);
      } else {
        NoiseNonces.chaChaPoly(nonce, iv);
      }
      return iv;
    }

    @Override
    public int seal(long nonce, byte[] ad, int adOff, int adLen, byte[] in, int inOff, int len,
        byte[] out, int outOff) throws GeneralSecurityException {
      checkAlive();
      return sealIv(noiseNonce(nonce), ad, adOff, adLen, in, inOff, len, out, outOff);
    }

    @Override
    public int open(long nonce, byte[] ad, int adOff, int adLen, byte[] in, int inOff, int len,
        byte[] out, int outOff) throws GeneralSecurityException {
      checkAlive();
      return openIv(noiseNonce(nonce), ad, adOff, adLen, in, inOff, len, out, outOff);
    }

    int sealIv(byte[] nonce, byte[] ad, int adOff, int adLen, byte[] in, int inOff, int len,
        byte[] out, int outOff) throws GeneralSecurityException {
      checkAlive();
      init(Cipher.ENCRYPT_MODE, nonce);
      if (adLen > 0) {
        cipher.updateAAD(ad, adOff, adLen);
      }
      return cipher.doFinal(in, inOff, len, out, outOff);
    }

    int openIv(byte[] nonce, byte[] ad, int adOff, int adLen, byte[] in, int inOff, int len,
        byte[] out, int outOff) throws GeneralSecurityException {
      checkAlive();
      if (len < TAG_LENGTH) {
        throw new AEADBadTagException("ciphertext shorter than the tag");
      }
      init(Cipher.DECRYPT_MODE, nonce);
      if (adLen > 0) {
        cipher.updateAAD(ad, adOff, adLen);
      }
      try {
        return cipher.doFinal(in, inOff, len, out, outOff);
      } catch (AEADBadTagException e) {
        throw e;
      } catch (GeneralSecurityException e) {
        // Any other failure while opening is reported as the one authentication failure.
        throw new AEADBadTagException("decryption failed");
      }
    }

    /**
     * SunJCE's ChaCha20 refuses any re-initialisation with the previous key and nonce, even to
     * decrypt. Noise retries {@code open} under the same nonce after an authentication failure
     * (section 5.1: n is not incremented), and a record layer may see a forged record before the
     * genuine one with the same sequence number; so step through another nonce first. Sealing twice
     * under one nonce stays refused, as SunJCE's GCM and Bouncy Castle do.
     */
    private void init(int mode, byte[] nonce) throws GeneralSecurityException {
      if (kind == Kind.CHACHAPOLY && lastMode != 0 && Arrays.equals(nonce, lastNonce)
          && !(mode == Cipher.ENCRYPT_MODE && lastMode == Cipher.ENCRYPT_MODE)) {
        byte[] other = nonce.clone();
        other[0] = (byte) ~other[0];
        cipher.init(Cipher.DECRYPT_MODE, key, params(other));
      }
      cipher.init(mode, key, params(nonce));
      System.arraycopy(nonce, 0, lastNonce, 0, lastNonce.length);
      lastMode = mode;
    }

    private void checkAlive() {
      if (key == null) {
        throw new IllegalStateException("AEAD key destroyed");
      }
    }

    @Override
    public void destroy() {
      if (key == null) {
        return;
      }
      key = null;
      byte[] throwaway = new byte[KEY_LENGTH];
      byte[] nonce = new byte[12];
      SECURE_RANDOM.nextBytes(throwaway);
      try {
        cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(throwaway, kind.keyAlgorithm),
            params(nonce));
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("cannot re-key the cipher on destroy", e);
      } finally {
        SecretBytes.wipe(throwaway);
      }
    }

    @Override
    public boolean isDestroyed() {
      return key == null;
    }
  }
}
