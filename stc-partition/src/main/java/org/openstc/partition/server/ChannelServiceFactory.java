package org.openstc.partition.server;

import org.openstc.stc.ChannelInfo;
import org.openstc.stc.PartitionEndpoint;
import org.openstc.stc.PeerRegistry.RegisteredPeer;

/** Creates the {@link ChannelService} of a channel once it is active. */
@FunctionalInterface
public interface ChannelServiceFactory {

  ChannelService open(PartitionEndpoint partition, RegisteredPeer client, ChannelInfo info);
}
