package org.openstc.partition.ntls;

import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongPredicate;
import org.openstc.partition.CommandService;
import org.openstc.partition.store.HostStore;
import org.openstc.partition.store.PartitionRecord;
import org.openstc.partition.store.StoreException;

/**
 * What every NTLS connection of one server shares; {@code stopping} is set once the server stops,
 * so a link whose TLS handshake completes after that gets the closing notice at once.
 */
record LinkContext(HostStore store, CommandService commands, Executor workers,
    Set<LinkHandler> links, LongPredicate forcesStc, AtomicBoolean stopping) {

  /** The partition with {@code serial}, or empty if it is gone (or cannot be read). */
  Optional<PartitionRecord> partition(long serial) {
    try {
      return Optional.of(store.partitions().bySerial(serial));
    } catch (StoreException e) {
      return Optional.empty();
    }
  }
}
