/**
 * The Netty STC/1 server ({@link org.openstc.partition.server.StcServer}): one TCP port for all
 * partitions, routed by the serial in OPEN; the pipeline is frame decoder, handshake handler, then
 * record handler, which feeds each channel's {@link org.openstc.partition.server.ChannelService}
 * in request order, on a worker unless the service asks to run on the event loop. Knows nothing
 * of commands or stores.
 */
package org.openstc.partition.server;
