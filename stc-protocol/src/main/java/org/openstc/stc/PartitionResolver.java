package org.openstc.stc;

import java.util.Optional;

/** Finds the partition named by the serial in an OPEN prologue. */
@FunctionalInterface
public interface PartitionResolver {

  /** The partition with {@code serial}, or empty if this host has none. */
  Optional<PartitionEndpoint> resolve(long serial);
}
