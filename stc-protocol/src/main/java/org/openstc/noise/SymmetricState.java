package org.openstc.noise;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import org.openstc.crypto.Aead;
import org.openstc.crypto.CipherFunction;
import org.openstc.crypto.HashFunction;
import org.openstc.crypto.SecretBytes;

/** Noise SymmetricState (section 5.2): chaining key, handshake hash and a CipherState. */
final class SymmetricState {
  private static final byte[] EMPTY = new byte[0];

  private final HashFunction hash;
  private final CipherState cipher;
  private byte[] ck;
  private byte[] h;

  /** InitializeSymmetric(protocol_name). */
  SymmetricState(String protocolName, CipherFunction cipherFunction, HashFunction hash) {
    this.hash = hash;
    this.cipher = new CipherState(cipherFunction);
    byte[] name = protocolName.getBytes(StandardCharsets.US_ASCII);
    this.h = name.length <= hash.hashLength() ? Arrays.copyOf(name, hash.hashLength())
        : hash.hash(name);
    this.ck = h.clone();
  }

  void mixKey(byte[] ikm) throws GeneralSecurityException {
    byte[] out = hash.hkdf(ck, ikm, EMPTY, 2 * hash.hashLength());
    replaceCk(out);
    initializeTruncated(out, hash.hashLength());
    SecretBytes.wipe(out);
  }

  void mixHash(byte[] data) {
    h = hash.hash(h, data);
  }

  void mixKeyAndHash(byte[] ikm) throws GeneralSecurityException {
    int len = hash.hashLength();
    byte[] out = hash.hkdf(ck, ikm, EMPTY, 3 * len);
    replaceCk(out);
    mixHash(Arrays.copyOfRange(out, len, 2 * len));
    initializeTruncated(out, 2 * len);
    SecretBytes.wipe(out);
  }

  byte[] handshakeHash() {
    return h.clone();
  }

  boolean hasKey() {
    return cipher.hasKey();
  }

  byte[] encryptAndHash(byte[] plaintext) throws GeneralSecurityException {
    byte[] ct = cipher.encryptWithAd(h, plaintext);
    mixHash(ct);
    return ct;
  }

  byte[] decryptAndHash(byte[] ciphertext) throws GeneralSecurityException {
    byte[] pt = cipher.decryptWithAd(h, ciphertext);
    mixHash(ciphertext);
    return pt;
  }

  /** Split(): two CipherStates, initiator-to-responder first. Wipes the chaining key. */
  CipherState[] split() throws GeneralSecurityException {
    int len = hash.hashLength();
    byte[] out = hash.hkdf(ck, EMPTY, EMPTY, 2 * len);
    byte[] k1 = Arrays.copyOfRange(out, 0, Aead.KEY_LENGTH);
    byte[] k2 = Arrays.copyOfRange(out, len, len + Aead.KEY_LENGTH);
    try {
      CipherState c1 = new CipherState(cipher.function());
      CipherState c2 = new CipherState(cipher.function());
      c1.initializeKey(k1);
      c2.initializeKey(k2);
      return new CipherState[] {c1, c2};
    } finally {
      SecretBytes.wipe(out);
      SecretBytes.wipe(k1);
      SecretBytes.wipe(k2);
      destroy();
    }
  }

  void destroy() {
    SecretBytes.wipe(ck);
    cipher.destroy();
  }

  private void replaceCk(byte[] hkdfOut) {
    SecretBytes.wipe(ck);
    ck = Arrays.copyOf(hkdfOut, hash.hashLength());
  }

  /** The cipher key is the first 32 bytes of the HKDF output block at {@code offset}. */
  private void initializeTruncated(byte[] hkdfOut, int offset) throws GeneralSecurityException {
    byte[] k = Arrays.copyOfRange(hkdfOut, offset, offset + Aead.KEY_LENGTH);
    try {
      cipher.initializeKey(k);
    } finally {
      SecretBytes.wipe(k);
    }
  }
}
