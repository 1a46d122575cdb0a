package org.openstc.stc;

/**
 * What the partition side of a handshake needs to know about the partition a client asked for:
 * its identity key (which may live in the host's key store), its registration store, its current
 * settings and the checks its handshakes make ({@link PartitionChecks#STRICT} in openstc).
 */
public record PartitionEndpoint(long serial, StaticKeyAgreement identity, PeerRegistry registry,
    ChannelPolicy policy, PartitionChecks checks) {

  /** A partition whose handshakes make every check of docs/protocol.md. */
  public PartitionEndpoint(long serial, StaticKeyAgreement identity, PeerRegistry registry,
      ChannelPolicy policy) {
    this(serial, identity, registry, policy, PartitionChecks.STRICT);
  }

  public PartitionEndpoint {
    java.util.Objects.requireNonNull(checks, "checks");
  }
}
