package org.openstc.stc;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.util.Arrays;
import java.util.HexFormat;
import org.openstc.crypto.CryptoProviders;
import org.openstc.crypto.HashFunction;

/**
 * A public static identity key (a client's or a partition's) and its fingerprint.
 *
 * <p>The fingerprint is SHA-256 over the canonical encoding {@code UTF-8(keyType.label()) || 0x00 ||
 * publicKey} (docs/protocol.md, "Identity fingerprint"), printed as 64 lowercase hex digits. Every
 * command on both sides prints this same string for the same key.
 */
public final class PeerIdentity {
  private final KeyType keyType;
  private final byte[] publicKey;
  private final String fingerprint;

  private PeerIdentity(KeyType keyType, byte[] publicKey) {
    this.keyType = keyType;
    this.publicKey = publicKey;
    this.fingerprint = HexFormat.of().formatHex(sha256().hash(canonical(keyType, publicKey)));
  }

  /**
   * Validates {@code publicKey} for {@code keyType} (length; for NIST curves, on the curve) and
   * returns the identity.
   */
  public static PeerIdentity of(KeyType keyType, byte[] publicKey) throws InvalidKeyException {
    keyType.dh(CryptoProviders.jca()).validatePublicKey(publicKey);
    return new PeerIdentity(keyType, publicKey.clone());
  }

  /**
   * For a key the handshake has already validated (Noise validates every received public key):
   * skips the second, costly on-curve check for NIST keys.
   */
  static PeerIdentity ofValidated(KeyType keyType, byte[] publicKey) {
    return new PeerIdentity(keyType, publicKey.clone());
  }

  public KeyType keyType() {
    return keyType;
  }

  /** The encoded public key: 32 bytes for x25519, an uncompressed SEC1 point for p256/p521. */
  public byte[] publicKey() {
    return publicKey.clone();
  }

  /** The canonical encoding that the fingerprint hashes. */
  public byte[] canonicalEncoding() {
    return canonical(keyType, publicKey);
  }

  /** SHA-256 of the canonical encoding, 64 lowercase hex digits. */
  public String fingerprint() {
    return fingerprint;
  }

  /** Whether {@code expected} names this identity's fingerprint (case, colons and spaces ignored). */
  public boolean matchesFingerprint(String expected) {
    return normalizeFingerprint(expected).equals(fingerprint);
  }

  /** Lowercases and strips {@code :}, spaces and dashes, as users paste hashes in many shapes. */
  public static String normalizeFingerprint(String text) {
    return text.replaceAll("[\\s:-]", "").toLowerCase(java.util.Locale.ROOT);
  }

  private static byte[] canonical(KeyType keyType, byte[] publicKey) {
    byte[] name = keyType.label().getBytes(StandardCharsets.US_ASCII);
    byte[] out = new byte[name.length + 1 + publicKey.length];
    System.arraycopy(name, 0, out, 0, name.length);
    System.arraycopy(publicKey, 0, out, name.length + 1, publicKey.length);
    return out;
  }

  private static HashFunction sha256() {
    try {
      return CryptoProviders.jca().hash("SHA256");
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PeerIdentity
        && ((PeerIdentity) o).keyType == keyType
        && Arrays.equals(((PeerIdentity) o).publicKey, publicKey);
  }

  @Override
  public int hashCode() {
    return fingerprint.hashCode();
  }

  @Override
  public String toString() {
    return keyType.label() + ":" + fingerprint;
  }
}
