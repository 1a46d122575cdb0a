/**
 * API: the channel over blocking streams. {@link org.openstc.stc.io.StcConnection} runs the client
 * handshake on a socket's (or a pipe's) streams and then sends and receives whole messages.
 */
package org.openstc.stc.io;
