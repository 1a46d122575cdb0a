package org.openstc.stc;

import java.util.Optional;

/**
 * The partition's registration store as the handshake sees it: given the static key a client
 * proved in OPEN, is that client registered? Implemented by the partition host's LMDB store, and in
 * memory by {@link InMemoryPeerRegistry}.
 *
 * <p>Lookups must not grow in cost with the number of registrations (index by fingerprint).
 */
public interface PeerRegistry {

  /** The registration of {@code identity}, or empty if it is unknown or was deregistered. */
  Optional<RegisteredPeer> find(PeerIdentity identity);

  /** A registered client: its label on the partition and its identity. */
  record RegisteredPeer(String label, PeerIdentity identity) {}
}
