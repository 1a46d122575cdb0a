package org.openstc.jca;

import java.security.AlgorithmParameters;
import java.security.InvalidAlgorithmParameterException;
import java.security.InvalidKeyException;
import java.security.Key;
import java.security.NoSuchAlgorithmException;
import java.security.ProviderException;
import java.security.SecureRandom;
import java.security.spec.AlgorithmParameterSpec;
import java.security.spec.InvalidParameterSpecException;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.CipherSpi;
import javax.crypto.NoSuchPaddingException;
import javax.crypto.ShortBufferException;
import javax.crypto.spec.GCMParameterSpec;
import org.openstc.client.StcClientException;
import org.openstc.command.CkResult;
import org.openstc.command.CryptoBodies;
import org.openstc.command.ObjectBodies;

/**
 * Cipher {@code AES/GCM/NoPadding} with a partition AES key (ENCRYPT_GCM / DECRYPT_GCM). Input is
 * buffered until {@code doFinal}, at most 64 KiB (the command's limit). As with the JDK's GCM, an
 * encryption needs a fresh IV: without parameters one is drawn (12 bytes), a re-init with the
 * last key and IV is refused, and after {@code doFinal} the cipher must be initialized again.
 */
final class AesGcmCipher extends CipherSpi {
  private final WipingBuffer data = new WipingBuffer();
  private final WipingBuffer aad = new WipingBuffer();
  private StcKey.Aes key;
  private int mode;
  private byte[] iv;
  private int tagBytes;
  private boolean needsInit = true;
  private StcKey.Aes lastEncryptKey;
  private byte[] lastEncryptIv;

  @Override
  protected void engineSetMode(String m) throws NoSuchAlgorithmException {
    if (!m.equalsIgnoreCase("GCM")) {
      throw new NoSuchAlgorithmException("OpenSTC AES supports GCM only, not " + m);
    }
  }

  @Override
  protected void engineSetPadding(String padding) throws NoSuchPaddingException {
    if (!padding.equalsIgnoreCase("NoPadding")) {
      throw new NoSuchPaddingException("GCM takes NoPadding, not " + padding);
    }
  }

  @Override
  protected int engineGetBlockSize() {
    return 16;
  }

  @Override
  protected int engineGetOutputSize(int inputLen) {
    int total = data.size() + inputLen;
    return mode == Cipher.DECRYPT_MODE ? Math.max(0, total - tagBytes) : total + tagBytes;
  }

  @Override
  protected byte[] engineGetIV() {
    return iv == null ? null : iv.clone();
  }

  @Override
  protected AlgorithmParameters engineGetParameters() {
    if (iv == null) {
      return null;
    }
    try {
      AlgorithmParameters p = AlgorithmParameters.getInstance("GCM");
      p.init(new GCMParameterSpec(tagBytes * 8, iv));
      return p;
    } catch (NoSuchAlgorithmException | InvalidParameterSpecException e) {
      throw new ProviderException(e);
    }
  }

  @Override
  protected int engineGetKeySize(Key k) throws InvalidKeyException {
    return aesKey(k) != null ? 256 : 0;
  }

  @Override
  protected void engineInit(int opmode, Key k, SecureRandom random) throws InvalidKeyException {
    try {
      engineInit(opmode, k, (AlgorithmParameterSpec) null, random);
    } catch (InvalidAlgorithmParameterException e) {
      throw new InvalidKeyException(e.getMessage(), e);
    }
  }

  @Override
  protected void engineInit(int opmode, Key k, AlgorithmParameters params, SecureRandom random)
      throws InvalidKeyException, InvalidAlgorithmParameterException {
    try {
      engineInit(opmode, k, params == null ? null : params.getParameterSpec(GCMParameterSpec.class), random);
    } catch (InvalidParameterSpecException e) {
      throw new InvalidAlgorithmParameterException("GCM parameters expected", e);
    }
  }

  @Override
  protected void engineInit(int opmode, Key k, AlgorithmParameterSpec params, SecureRandom random)
      throws InvalidKeyException, InvalidAlgorithmParameterException {
    StcKey.Aes aes = aesKey(k);
    boolean encrypt = opmode == Cipher.ENCRYPT_MODE || opmode == Cipher.WRAP_MODE;
    byte[] newIv;
    int tag = CryptoBodies.MAX_TAG;
    if (params == null) {
      if (!encrypt) {
        throw new InvalidAlgorithmParameterException("GCM decryption needs the GCMParameterSpec (IV and tag length)");
      }
      newIv = new byte[12];
      (random == null ? new SecureRandom() : random).nextBytes(newIv);
    } else if (params instanceof GCMParameterSpec g) {
      newIv = g.getIV();
      tag = g.getTLen() / 8;
      if (g.getTLen() % 8 != 0 || tag < CryptoBodies.MIN_TAG || tag > CryptoBodies.MAX_TAG) {
        throw new InvalidAlgorithmParameterException("GCM tag length " + g.getTLen() + " bits is not 96..128 in bytes");
      }
      if (newIv.length < 1 || newIv.length > CryptoBodies.MAX_IV) {
        throw new InvalidAlgorithmParameterException("GCM IV of " + newIv.length + " bytes (1..128 allowed)");
      }
    } else {
      throw new InvalidAlgorithmParameterException("AES/GCM takes a GCMParameterSpec, not " + params);
    }
    if (encrypt && aes == lastEncryptKey && Arrays.equals(newIv, lastEncryptIv)) {
      throw new InvalidAlgorithmParameterException("Cannot reuse iv for GCM encryption");
    }
    key = aes;
    mode = encrypt ? Cipher.ENCRYPT_MODE : Cipher.DECRYPT_MODE;
    iv = newIv;
    tagBytes = tag;
    if (encrypt) {
      lastEncryptKey = aes;
      lastEncryptIv = newIv.clone();
    }
    reset();
    needsInit = false;
  }

  private static StcKey.Aes aesKey(Key k) throws InvalidKeyException {
    if (k instanceof StcKey.Aes aes) {
      return aes;
    }
    throw new InvalidKeyException("OpenSTC AES/GCM takes OpenSTC AES keys, not " + (k == null ? "null" : k.getClass().getName()));
  }

  @Override
  protected void engineUpdateAAD(byte[] src, int offset, int len) {
    checkReady();
    if (data.size() > 0) {
      throw new IllegalStateException("AAD must be supplied before encryption/decryption starts");
    }
    if (aad.size() + len > ObjectBodies.MAX_DATA) {
      throw new IllegalStateException("OpenSTC GCM takes at most " + ObjectBodies.MAX_DATA + " bytes of AAD");
    }
    aad.write(src, offset, len);
  }

  @Override
  protected byte[] engineUpdate(byte[] input, int off, int len) {
    checkReady();
    int max = ObjectBodies.MAX_DATA + (mode == Cipher.DECRYPT_MODE ? tagBytes : 0);
    if (data.size() + len > max) {
      throw new IllegalStateException("OpenSTC GCM takes at most " + max + " bytes per operation");
    }
    if (len > 0) {
      data.write(input, off, len);
    }
    return new byte[0];
  }

  @Override
  protected int engineUpdate(byte[] input, int off, int len, byte[] out, int outOff) {
    engineUpdate(input, off, len);
    return 0;
  }

  @Override
  protected byte[] engineDoFinal(byte[] input, int off, int len) throws AEADBadTagException {
    if (input != null) {
      engineUpdate(input, off, len);
    } else {
      checkReady();
    }
    byte[] in = data.toByteArray();
    byte[] a = aad.toByteArray();
    try {
      if (mode == Cipher.ENCRYPT_MODE) {
        needsInit = true; // a new IV for the next encryption
        return key.session().slot().encryptGcm(key.handle(), iv, in, a, tagBytes);
      }
      return key.session().slot().decryptGcm(key.handle(), iv, in, a, tagBytes);
    } catch (StcClientException e) {
      if (SlotSession.result(e) == CkResult.CKR_ENCRYPTED_DATA_INVALID) {
        throw new AEADBadTagException("Tag mismatch");
      }
      throw SlotSession.unchecked("OpenSTC AES/GCM with " + key, e);
    } finally {
      Arrays.fill(in, (byte) 0);
      reset();
    }
  }

  @Override
  protected int engineDoFinal(byte[] input, int off, int len, byte[] out, int outOff)
      throws ShortBufferException, AEADBadTagException {
    if (out.length - outOff < engineGetOutputSize(len)) {
      throw new ShortBufferException("output needs " + engineGetOutputSize(len) + " bytes");
    }
    byte[] result = engineDoFinal(input, off, len);
    System.arraycopy(result, 0, out, outOff, result.length);
    return result.length;
  }

  private void checkReady() {
    if (key == null) {
      throw new IllegalStateException("Cipher not initialized");
    }
    if (needsInit) {
      throw new IllegalStateException("Must use either different key or iv for GCM encryption");
    }
  }

  private void reset() {
    data.wipe();
    aad.wipe();
  }

}
