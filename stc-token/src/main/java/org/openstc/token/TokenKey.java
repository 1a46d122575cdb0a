package org.openstc.token;

import java.security.GeneralSecurityException;
import org.openstc.crypto.DhFunction;
import org.openstc.crypto.DhKeyPair;
import org.openstc.stc.KeyType;
import org.openstc.stc.PeerIdentity;
import org.openstc.stc.StaticKeyAgreement;

/**
 * The client identity key while its token is open: the private key exists in clear only inside
 * the wrapped {@link DhKeyPair}, which the token destroys when it is closed.
 */
final class TokenKey implements StaticKeyAgreement {
  private final PeerIdentity identity;
  private final DhKeyPair pair;

  TokenKey(PeerIdentity identity, DhKeyPair pair) {
    this.identity = identity;
    this.pair = pair;
  }

  @Override
  public KeyType keyType() {
    return identity.keyType();
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
    return identity.publicKey();
  }

  @Override
  public byte[] agree(byte[] peerPublicKey) throws GeneralSecurityException {
    if (pair.isDestroyed()) {
      throw new IllegalStateException("the token has been closed");
    }
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
    return "TokenKey[" + identity + "]";
  }
}
