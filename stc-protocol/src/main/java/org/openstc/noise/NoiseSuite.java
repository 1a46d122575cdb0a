package org.openstc.noise;

import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import org.openstc.crypto.CipherFunction;
import org.openstc.crypto.CryptoProvider;
import org.openstc.crypto.DhFunction;
import org.openstc.crypto.HashFunction;

/** The three functions of a Noise protocol name ({@code _25519_AESGCM_SHA256}) from one provider. */
public final class NoiseSuite {
  private final DhFunction dh;
  private final CipherFunction cipher;
  private final HashFunction hash;
  private final SecureRandom random;
  private final String provider;

  private NoiseSuite(DhFunction dh, CipherFunction cipher, HashFunction hash,
      CryptoProvider provider) {
    this.dh = dh;
    this.cipher = cipher;
    this.hash = hash;
    this.random = provider.random();
    this.provider = provider.name();
  }

  public static NoiseSuite of(CryptoProvider provider, String dh, String cipher, String hash)
      throws NoSuchAlgorithmException {
    return new NoiseSuite(provider.dh(dh), provider.cipher(cipher), provider.hash(hash), provider);
  }

  /**
   * Parses a full protocol name such as {@code Noise_IK_25519_AESGCM_SHA256}; the pattern part is
   * returned by {@link #patternOf(String)}.
   */
  public static NoiseSuite forProtocolName(CryptoProvider provider, String protocolName)
      throws NoSuchAlgorithmException {
    String[] parts = split(protocolName);
    return of(provider, parts[2], parts[3], parts[4]);
  }

  /** The handshake pattern named in a full protocol name. */
  public static HandshakePattern patternOf(String protocolName) throws NoSuchAlgorithmException {
    String name = split(protocolName)[1];
    return Patterns.byName(name)
        .orElseThrow(() -> new NoSuchAlgorithmException("unsupported pattern: " + name));
  }

  private static String[] split(String protocolName) throws NoSuchAlgorithmException {
    String[] parts = protocolName.split("_");
    if (parts.length != 5 || !parts[0].equals("Noise")) {
      throw new NoSuchAlgorithmException("not a Noise protocol name: " + protocolName);
    }
    return parts;
  }

  public String protocolName(HandshakePattern pattern) {
    return "Noise_" + pattern.name() + "_" + dh.name() + "_" + cipher.name() + "_" + hash.name();
  }

  public DhFunction dh() {
    return dh;
  }

  public CipherFunction cipher() {
    return cipher;
  }

  public HashFunction hash() {
    return hash;
  }

  SecureRandom random() {
    return random;
  }

  @Override
  public String toString() {
    return dh.name() + "_" + cipher.name() + "_" + hash.name() + " (" + provider + ")";
  }
}
