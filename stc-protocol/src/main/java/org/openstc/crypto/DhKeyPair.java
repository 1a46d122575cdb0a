package org.openstc.crypto;

import java.security.GeneralSecurityException;
import javax.security.auth.Destroyable;

/**
 * A key pair that can perform Diffie-Hellman. The private half may live somewhere the caller
 * cannot read it (a token): only {@link #agree} uses it.
 *
 * <p>Thread safety: {@link #agree} may be called from several threads at once (a partition's static
 * key serves concurrent handshakes). After {@link #destroy()}, {@link #agree} throws
 * {@link IllegalStateException}.
 */
public interface DhKeyPair extends Destroyable {

  /** The function this key belongs to. */
  DhFunction function();

  /** The encoded public key (a copy). */
  byte[] publicKey();

  /**
   * Computes the shared secret with {@code peerPublicKey}.
   *
   * @throws java.security.InvalidKeyException if the peer key is invalid or the result is all zero
   */
  byte[] agree(byte[] peerPublicKey) throws GeneralSecurityException;

  @Override
  void destroy();
}
