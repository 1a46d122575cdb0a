package org.openstc.token;

import java.time.Instant;
import org.openstc.stc.KeyType;
import org.openstc.stc.PeerIdentity;

/** The public half of the token's client identity (the private half never leaves the token). */
public record ClientIdentity(String label, PeerIdentity identity, Instant created) {
  public KeyType keyType() {
    return identity.keyType();
  }

  public String fingerprint() {
    return identity.fingerprint();
  }
}
