package org.openstc.stc;

import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.openstc.crypto.CryptoProvider;
import org.openstc.noise.NoiseSuite;

/**
 * The STC/1 cipher suites: Noise IK with a DH function (the key type of both identities), a cipher
 * and a hash. On the wire a suite is a 16-bit code: high byte the key type code, low byte
 * {@code cipher << 4 | hash} (docs/protocol.md, "Suites").
 */
public enum Suite {
  X25519_AESGCM_SHA256(KeyType.X25519, ChannelPolicy.Cipher.AESGCM, ChannelPolicy.Hash.SHA256),
  X25519_CHACHAPOLY_SHA256(KeyType.X25519, ChannelPolicy.Cipher.ChaChaPoly, ChannelPolicy.Hash.SHA256),
  X25519_AESGCM_SHA512(KeyType.X25519, ChannelPolicy.Cipher.AESGCM, ChannelPolicy.Hash.SHA512),
  X25519_CHACHAPOLY_SHA512(KeyType.X25519, ChannelPolicy.Cipher.ChaChaPoly, ChannelPolicy.Hash.SHA512),
  P256_AESGCM_SHA256(KeyType.P256, ChannelPolicy.Cipher.AESGCM, ChannelPolicy.Hash.SHA256),
  P256_CHACHAPOLY_SHA256(KeyType.P256, ChannelPolicy.Cipher.ChaChaPoly, ChannelPolicy.Hash.SHA256),
  P256_AESGCM_SHA512(KeyType.P256, ChannelPolicy.Cipher.AESGCM, ChannelPolicy.Hash.SHA512),
  P256_CHACHAPOLY_SHA512(KeyType.P256, ChannelPolicy.Cipher.ChaChaPoly, ChannelPolicy.Hash.SHA512),
  P521_AESGCM_SHA512(KeyType.P521, ChannelPolicy.Cipher.AESGCM, ChannelPolicy.Hash.SHA512),
  P521_CHACHAPOLY_SHA512(KeyType.P521, ChannelPolicy.Cipher.ChaChaPoly, ChannelPolicy.Hash.SHA512),
  P521_AESGCM_SHA256(KeyType.P521, ChannelPolicy.Cipher.AESGCM, ChannelPolicy.Hash.SHA256),
  P521_CHACHAPOLY_SHA256(KeyType.P521, ChannelPolicy.Cipher.ChaChaPoly, ChannelPolicy.Hash.SHA256);

  private final KeyType keyType;
  private final ChannelPolicy.Cipher cipher;
  private final ChannelPolicy.Hash hash;
  private final int code;

  Suite(KeyType keyType, ChannelPolicy.Cipher cipher, ChannelPolicy.Hash hash) {
    this.keyType = keyType;
    this.cipher = cipher;
    this.hash = hash;
    this.code = keyType.code() << 8 | (cipher.ordinal() + 1) << 4 | (hash.ordinal() + 1);
  }

  public KeyType keyType() {
    return keyType;
  }

  public ChannelPolicy.Cipher cipher() {
    return cipher;
  }

  public ChannelPolicy.Hash hash() {
    return hash;
  }

  /** The 16-bit wire code. */
  public int code() {
    return code;
  }

  /** The Noise protocol name, for example {@code Noise_IK_25519_AESGCM_SHA256}. */
  public String noiseName() {
    return "Noise_IK_" + keyType.noiseDh() + "_" + cipher.name() + "_" + hash.name();
  }

  public NoiseSuite noiseSuite(CryptoProvider provider) throws NoSuchAlgorithmException {
    return NoiseSuite.of(provider, keyType.noiseDh(), cipher.name(), hash.name());
  }

  /** Whether a partition with {@code policy} and identity key type {@code partitionKey} allows it. */
  public boolean allowedBy(ChannelPolicy policy, KeyType partitionKey) {
    return keyType == partitionKey && policy.ciphers().contains(cipher)
        && policy.hashes().contains(hash);
  }

  public static Optional<Suite> fromCode(int code) {
    for (Suite s : values()) {
      if (s.code == code) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }

  public static Optional<Suite> fromNoiseName(String name) {
    for (Suite s : values()) {
      if (s.noiseName().equals(name)) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }

  /** The default offer for a key type, strongest-fit first: declaration order of this enum. */
  public static List<Suite> defaultOffer(KeyType keyType) {
    List<Suite> out = new ArrayList<>();
    for (Suite s : values()) {
      if (s.keyType == keyType) {
        out.add(s);
      }
    }
    return out;
  }
}
