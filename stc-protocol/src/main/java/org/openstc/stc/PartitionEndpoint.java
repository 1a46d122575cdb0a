package org.openstc.stc;

/**
 * What the partition side of a handshake needs to know about the partition a client asked for:
 * its identity key (which may live in the host's key store), its registration store and its
 * current settings.
 */
public record PartitionEndpoint(long serial, StaticKeyAgreement identity, PeerRegistry registry,
    ChannelPolicy policy) {}
