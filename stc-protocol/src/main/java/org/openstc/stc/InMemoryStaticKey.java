package org.openstc.stc;

import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import org.openstc.crypto.CryptoProvider;
import org.openstc.crypto.DhFunction;
import org.openstc.crypto.DhKeyPair;

/** A {@link StaticKeyAgreement} whose private key is an ordinary in-memory key pair. */
public final class InMemoryStaticKey implements StaticKeyAgreement {
  private final KeyType keyType;
  private final DhKeyPair pair;
  private final PeerIdentity identity;

  private InMemoryStaticKey(KeyType keyType, DhKeyPair pair) throws InvalidKeyException {
    this.keyType = keyType;
    this.pair = pair;
    this.identity = PeerIdentity.of(keyType, pair.publicKey());
  }

  /** Generates a fresh key pair of {@code keyType}. */
  public static InMemoryStaticKey generate(KeyType keyType, CryptoProvider provider)
      throws GeneralSecurityException {
    return new InMemoryStaticKey(keyType, keyType.dh(provider).generateKeyPair(provider.random()));
  }

  /** Rebuilds a key pair from its encoded private key (the array is copied). */
  public static InMemoryStaticKey fromPrivateKey(KeyType keyType, byte[] privateKey,
      CryptoProvider provider) throws GeneralSecurityException {
    return new InMemoryStaticKey(keyType, keyType.dh(provider).fromPrivateKey(privateKey));
  }

  /** Wraps an existing key pair; the key pair's function must be {@code keyType}'s. */
  public static InMemoryStaticKey wrap(KeyType keyType, DhKeyPair pair)
      throws InvalidKeyException {
    if (!pair.function().name().equals(keyType.noiseDh())) {
      throw new InvalidKeyException("key pair is " + pair.function().name() + ", not " + keyType);
    }
    return new InMemoryStaticKey(keyType, pair);
  }

  @Override
  public KeyType keyType() {
    return keyType;
  }

  @Override
  public PeerIdentity identity() {
    return identity;
  }

  @Override
  public DhFunction function() {
    return pair.function();
  }

  @Override
  public byte[] publicKey() {
    return pair.publicKey();
  }

  @Override
  public byte[] agree(byte[] peerPublicKey) throws GeneralSecurityException {
    return pair.agree(peerPublicKey);
  }

  @Override
  public void destroy() {
    pair.destroy();
  }

  @Override
  public boolean isDestroyed() {
    return pair.isDestroyed();
  }

  @Override
  public String toString() {
    return "InMemoryStaticKey[" + identity + "]";
  }
}
