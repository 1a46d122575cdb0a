package org.openstc.crypto;

import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.SecureRandom;

/**
 * A Diffie-Hellman function in the sense of the Noise specification (section 4.1).
 *
 * <p>Security contract:
 * <ul>
 *   <li>{@link #validatePublicKey} accepts only encodings of the exact length {@link #publicKeyLength()}
 *       that name a point of the group: for the NIST curves an uncompressed SEC1 point that lies on
 *       the curve and is not the identity; for X25519/X448 any 32/56-byte string (RFC 7748), with
 *       low-order points caught at agreement time.
 *   <li>{@link DhKeyPair#agree} rejects a peer key that fails validation, and rejects an all-zero
 *       shared secret (the result of a low-order X25519/X448 point) with {@link InvalidKeyException}.
 *   <li>Private keys never appear in an exception message or in {@code toString()}.
 * </ul>
 */
public interface DhFunction {

  /** The Noise name: {@code 25519}, {@code 448}, {@code P256} or {@code P521}. */
  String name();

  /** Length in bytes of an encoded public key (Noise {@code DHLEN} for X25519/X448). */
  int publicKeyLength();

  /** Length in bytes of the shared secret returned by {@link DhKeyPair#agree}. */
  int sharedSecretLength();

  /** Length in bytes of an encoded private key. */
  int privateKeyLength();

  /**
   * Generates a fresh key pair from {@code random}. Every Noise ephemeral key comes from here (the
   * handshake has no other input for it), so an implementation that does not return a fresh random
   * key destroys forward secrecy: only the test vectors' provider, in test code, returns a fixed one.
   */
  DhKeyPair generateKeyPair(SecureRandom random) throws GeneralSecurityException;

  /**
   * Rebuilds a key pair from its encoded private key (raw little-endian scalar for X25519/X448,
   * big-endian fixed-length scalar for NIST curves). The array is copied, not kept.
   */
  DhKeyPair fromPrivateKey(byte[] privateKey) throws GeneralSecurityException;

  /** Checks that {@code publicKey} is a valid encoded public key for this function. */
  void validatePublicKey(byte[] publicKey) throws InvalidKeyException;
}
