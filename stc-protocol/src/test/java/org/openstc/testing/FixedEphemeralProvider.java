package org.openstc.testing;

import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Set;
import org.openstc.crypto.CipherFunction;
import org.openstc.crypto.CryptoProvider;
import org.openstc.crypto.DhFunction;
import org.openstc.crypto.DhKeyPair;
import org.openstc.crypto.HashFunction;

/**
 * Test code only: a provider whose DH function "generates" one fixed key pair, so that a handshake
 * built on it uses that ephemeral key and reproduces a vector byte for byte. A Noise handshake
 * takes its ephemeral keys only from {@link DhFunction#generateKeyPair} of the provider its caller
 * passes in; this class is how the vectors fix them, and nothing like it ships
 * ({@code org.openstc.noise.NoEphemeralSwitchTest}).
 *
 * <p>Each call builds a new pair from the fixed private key, so the handshake destroys it as it
 * would a generated one, and a client that follows RETRY, or the next session of a test, gets the
 * same key again.
 */
public final class FixedEphemeralProvider implements CryptoProvider {
  private final CryptoProvider delegate;
  private final String dhName;
  private final byte[] fixedPrivate;
  private final byte[] fixedPublic;

  private FixedEphemeralProvider(CryptoProvider delegate, String dhName, byte[] privateKey)
      throws GeneralSecurityException {
    this.delegate = delegate;
    this.dhName = dhName;
    this.fixedPrivate = privateKey.clone();
    this.fixedPublic = delegate.dh(dhName).fromPrivateKey(privateKey).publicKey();
  }

  /** {@code delegate}, except that DH function {@code dhName} always yields {@code privateKey}. */
  public static FixedEphemeralProvider of(CryptoProvider delegate, String dhName,
      byte[] privateKey) throws GeneralSecurityException {
    return new FixedEphemeralProvider(delegate, dhName, privateKey);
  }

  /** The fixed ephemeral public key. */
  public byte[] ephemeralPublicKey() {
    return fixedPublic.clone();
  }

  @Override
  public String name() {
    return delegate.name();
  }

  @Override
  public DhFunction dh(String noiseName) throws NoSuchAlgorithmException {
    DhFunction dh = delegate.dh(noiseName);
    return noiseName.equals(dhName) ? new FixedDh(dh) : dh;
  }

  @Override
  public CipherFunction cipher(String noiseName) throws NoSuchAlgorithmException {
    return delegate.cipher(noiseName);
  }

  @Override
  public HashFunction hash(String noiseName) throws NoSuchAlgorithmException {
    return delegate.hash(noiseName);
  }

  @Override
  public Set<String> supported() {
    return delegate.supported();
  }

  @Override
  public SecureRandom random() {
    return delegate.random();
  }

  /** The delegate's function, except that key generation returns the fixed key. */
  private final class FixedDh implements DhFunction {
    private final DhFunction dh;

    FixedDh(DhFunction dh) {
      this.dh = dh;
    }

    @Override
    public String name() {
      return dh.name();
    }

    @Override
    public int publicKeyLength() {
      return dh.publicKeyLength();
    }

    @Override
    public int sharedSecretLength() {
      return dh.sharedSecretLength();
    }

    @Override
    public int privateKeyLength() {
      return dh.privateKeyLength();
    }

    @Override
    public DhKeyPair generateKeyPair(SecureRandom random) throws GeneralSecurityException {
      return dh.fromPrivateKey(fixedPrivate);
    }

    @Override
    public DhKeyPair fromPrivateKey(byte[] privateKey) throws GeneralSecurityException {
      return dh.fromPrivateKey(privateKey);
    }

    @Override
    public void validatePublicKey(byte[] publicKey) throws InvalidKeyException {
      dh.validatePublicKey(publicKey);
    }
  }
}
