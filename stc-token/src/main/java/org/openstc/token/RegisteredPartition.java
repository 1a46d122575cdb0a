package org.openstc.token;

import java.time.Instant;
import org.openstc.stc.KeyType;
import org.openstc.stc.PeerIdentity;

/** A partition identity registered on the token with {@code stc partitionregister}. */
public record RegisteredPartition(long serial, String label, PeerIdentity identity,
    Instant registered) {
  public KeyType keyType() {
    return identity.keyType();
  }

  public String fingerprint() {
    return identity.fingerprint();
  }
}
