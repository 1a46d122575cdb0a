package org.openstc.partition.store;

import org.openstc.stc.ChannelPolicy;
import org.openstc.stc.PeerRegistry.RegisteredPeer;

/**
 * Live effects of store changes, for the server: close a client's channels when it is deregistered,
 * drop a partition's channels when it is deleted or re-initialized, apply new settings to new
 * channels. Called after the change is committed, on the thread that made it; must not block.
 * Only changes made through this process's {@link HostStore} are seen.
 */
public interface HostStoreListener {

  /** {@code peer} is no longer registered on partition {@code serial}: close its channels. */
  default void clientDeregistered(long serial, RegisteredPeer peer) {}

  /** The partition's STC settings are now {@code policy} (for channels opened from now on). */
  default void settingsChanged(long serial, ChannelPolicy policy) {}

  /** The partition was initialized again: its objects and co/cu PINs are gone, logins are void. */
  default void partitionReinitialized(long serial) {}

  /** The partition was deleted: close every channel to it. */
  default void partitionDeleted(long serial) {}
}
