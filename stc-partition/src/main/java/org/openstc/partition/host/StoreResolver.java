package org.openstc.partition.host;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.openstc.partition.store.HostStore;
import org.openstc.partition.store.StoreException;
import org.openstc.stc.ChannelPolicy;
import org.openstc.stc.PartitionEndpoint;
import org.openstc.stc.PartitionResolver;
import org.openstc.stc.StaticKeyAgreement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Resolves the serial of an OPEN against the host store. The decrypted identity key of a partition
 * is kept in memory after first use (so a handshake does not unwrap it again) until the partition is
 * deleted or re-initialized; settings and registrations are read from the store at every OPEN, so
 * changes apply to the next channel.
 */
final class StoreResolver implements PartitionResolver {
  private static final Logger LOG = LoggerFactory.getLogger(StoreResolver.class);

  private final HostStore store;
  private final Map<Long, StaticKeyAgreement> keys = new ConcurrentHashMap<>();

  StoreResolver(HostStore store) {
    this.store = store;
  }

  @Override
  public Optional<PartitionEndpoint> resolve(long serial) {
    try {
      // One read: throws if there is no such partition, and gives the settings in force now.
      ChannelPolicy policy = store.partitions().bySerial(serial).policy();
      StaticKeyAgreement key = keys.computeIfAbsent(serial, this::loadKey);
      return Optional.of(new PartitionEndpoint(serial, key, store.peerRegistry(serial), policy));
    } catch (StoreException e) {
      // Any peer can name any serial: the server counts these and logs them rate-limited.
      LOG.debug("cannot resolve partition {}: {}", serial, e.getMessage());
      return Optional.empty();
    } catch (IllegalStateException e) {
      LOG.warn("cannot resolve partition {}: {}", serial, e.getMessage());
      return Optional.empty();
    }
  }

  private StaticKeyAgreement loadKey(long serial) {
    try {
      return store.identityKey(serial);
    } catch (StoreException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
  }

  /** Forgets the cached key of {@code serial} (deleted or re-initialized partition). */
  void forget(long serial) {
    StaticKeyAgreement key = keys.remove(serial);
    if (key != null) {
      key.destroy();
    }
  }
}
