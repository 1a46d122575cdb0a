package org.openstc.stc;

import org.openstc.crypto.DhKeyPair;

/**
 * A static identity key pair whose private half may live inside a token and never leave it: the
 * handshake only asks it to {@link #agree}. Implemented by the soft token (stc-token), by the
 * partition host's key store, and in memory by {@link InMemoryStaticKey} for tests.
 */
public interface StaticKeyAgreement extends DhKeyPair {

  KeyType keyType();

  /** The public identity of this key pair. */
  PeerIdentity identity();
}
