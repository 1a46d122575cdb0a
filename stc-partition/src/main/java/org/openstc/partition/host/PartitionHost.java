package org.openstc.partition.host;

import java.io.Closeable;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.openstc.crypto.CryptoProvider;
import org.openstc.partition.CommandService;
import org.openstc.partition.server.ChannelService;
import org.openstc.partition.server.ServerConfig;
import org.openstc.partition.server.StcServer;
import org.openstc.partition.store.HostStore;
import org.openstc.partition.store.HostStoreListener;
import org.openstc.partition.store.StoreException;
import org.openstc.stc.ChannelInfo;
import org.openstc.stc.PartitionEndpoint;
import org.openstc.stc.PeerRegistry.RegisteredPeer;
import org.openstc.stc.StcError;
import org.slf4j.LoggerFactory;

/**
 * The running partition host: the STC server in front of the host store's partitions, with the
 * command service inside each channel and the store's live effects wired to open channels.
 * Deregistrations and deletions made through this process close the affected channels at once
 * (those still in the handshake too); those made by another process on the same store (a second
 * {@code stcsh}) are found by a sweep every {@value #SWEEP_MILLIS} ms.
 */
public final class PartitionHost implements Closeable {
  /** How often changes made by other processes are looked for; the bound in partition-host.md. */
  static final long SWEEP_MILLIS = 500;

  private final HostStore store;
  private final StoreResolver resolver;
  private final CommandService commands;
  private final StcServer server;
  private final ScheduledExecutorService sweeper;
  /** {@link ServerConfig#inlineCrypto}. */
  private final boolean inlineCrypto;

  private PartitionHost(HostStore store, ServerConfig config, CryptoProvider provider) {
    this.store = store;
    this.resolver = new StoreResolver(store);
    this.commands = new CommandService(store);
    this.inlineCrypto = config.inlineCrypto();
    this.server = new StcServer(config, provider, resolver, this::openService);
    this.sweeper = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "stc-registration-sweep");
      t.setDaemon(true);
      return t;
    });
  }

  /**
   * Starts serving every partition of {@code store}, which must be unsealed; the caller keeps
   * ownership of the store.
   */
  public static PartitionHost start(HostStore store, ServerConfig config, CryptoProvider provider)
      throws InterruptedException {
    if (!store.isUnsealed()) {
      throw new IllegalStateException("the host is sealed: unseal the store (HSM SO or auto-activation)"
          + " before serving; a sealed host serves nothing");
    }
    store.hasher().cost().warning().ifPresent(LoggerFactory.getLogger(PartitionHost.class)::warn);
    PartitionHost host = new PartitionHost(store, config, provider);
    deactivateWithoutAutoActivation(store);
    store.addListener(host.new LiveEffects());
    host.server.start();
    host.sweeper.scheduleWithFixedDelay(host::sweep, SWEEP_MILLIS, SWEEP_MILLIS,
        TimeUnit.MILLISECONDS);
    return host;
  }

  /** Partition policy 23 off: the partition does not survive a host start activated. */
  private static void deactivateWithoutAutoActivation(HostStore store) {
    try {
      for (String name : store.policies().hostStarted()) {
        LoggerFactory.getLogger(PartitionHost.class).warn("partition {} is deactivated (policy 23,"
            + " auto-activation, is off): run stcsh partition activate -partition {}", name, name);
      }
    } catch (StoreException e) {
      LoggerFactory.getLogger(PartitionHost.class).error("cannot apply policy 23 at start", e);
    }
  }

  public StcServer server() {
    return server;
  }

  public int port() {
    return server.port();
  }

  private ChannelService openService(PartitionEndpoint partition, RegisteredPeer client,
      ChannelInfo info) {
    return new CommandChannel(commands, commands.openSession(partition.serial(), client),
        inlineCrypto);
  }

  /**
   * Applies changes made by other processes on the same store (docs/partition-host.md, "Channel
   * lifetime"): closes every connection, active or still in the handshake, to a partition that no
   * longer exists, and those whose client is no longer registered.
   */
  private void sweep() {
    try {
      Set<Long> deleted = new HashSet<>();
      server.disconnectIf((serial, client) -> {
        if (deleted.contains(serial) || !exists(serial)) {
          deleted.add(serial);
          return true;
        }
        return false;
      }, StcError.CKR_STC_CONTAINER_INVALID, "partition deleted by another process");
      deleted.forEach(resolver::forget);
      server.disconnectIf((serial, client) -> store.peerRegistry(serial).find(client).isEmpty(),
          StcError.CKR_STC_CLIENT_HANDLE_INVALID, "client identity deregistered");
    } catch (RuntimeException e) {
      // A failing sweep must not cancel the next one; the store logs its own errors.
      LoggerFactory.getLogger(PartitionHost.class).warn("sweep failed: {}", e.toString());
    }
  }

  private boolean exists(long serial) {
    try {
      store.partitions().bySerial(serial);
      return true;
    } catch (StoreException e) {
      return !e.isNotFound(); // a read error is not a deletion
    }
  }

  /** Store changes made in this process, applied to the open channels. */
  private final class LiveEffects implements HostStoreListener {
    @Override
    public void clientDeregistered(long serial, RegisteredPeer peer) {
      server.disconnect(serial, peer.identity()::equals, StcError.CKR_STC_CLIENT_HANDLE_INVALID,
          "client identity '" + peer.label() + "' deregistered");
    }

    @Override
    public void partitionReinitialized(long serial) {
      resolver.forget(serial);
      server.disconnect(serial, c -> true, StcError.CKR_STC_SESSION_INVALID,
          "partition " + serial + " re-initialized");
    }

    @Override
    public void partitionDeleted(long serial) {
      resolver.forget(serial);
      server.disconnect(serial, c -> true, StcError.CKR_STC_CONTAINER_INVALID,
          "partition " + serial + " deleted");
    }
  }

  /** Stops the server (channels get an ALERT); the store stays open for the caller to close. */
  @Override
  public void close() {
    sweeper.shutdownNow();
    server.close();
  }
}
