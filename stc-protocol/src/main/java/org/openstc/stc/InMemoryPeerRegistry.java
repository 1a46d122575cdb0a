package org.openstc.stc;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** A thread-safe {@link PeerRegistry} in memory, indexed by fingerprint. */
public final class InMemoryPeerRegistry implements PeerRegistry {
  private final Map<String, RegisteredPeer> byFingerprint = new ConcurrentHashMap<>();

  public InMemoryPeerRegistry register(String label, PeerIdentity identity) {
    byFingerprint.put(identity.fingerprint(), new RegisteredPeer(label, identity));
    return this;
  }

  public boolean deregister(PeerIdentity identity) {
    return byFingerprint.remove(identity.fingerprint()) != null;
  }

  @Override
  public Optional<RegisteredPeer> find(PeerIdentity identity) {
    RegisteredPeer peer = byFingerprint.get(identity.fingerprint());
    return peer != null && peer.identity().equals(identity) ? Optional.of(peer) : Optional.empty();
  }

  public int size() {
    return byFingerprint.size();
  }
}
