package org.openstc.partition.server;

/**
 * What runs inside an active channel: one instance per channel, fed the decrypted payload of each
 * DATA record in order, returning the payload of the reply. Called off the event loop, one request
 * at a time per channel.
 */
public interface ChannelService {

  /** Handles one request; must not throw for bad input (encode the error in the reply). */
  byte[] handle(byte[] request);

  /** The channel has closed, for whatever reason. */
  default void closed() {}
}
