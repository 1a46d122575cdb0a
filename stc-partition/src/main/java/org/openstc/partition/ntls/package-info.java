/**
 * The NTLS link on the host (docs/protocol.md Part 3): a Netty TLS server whose clients are
 * accepted by the pinned fingerprint of the certificate they present and by their address
 * ({@link org.openstc.partition.ntls.ClientAcceptance}), and the session layer that binds each
 * connection to one assigned partition before the Part 2 commands run
 * ({@link org.openstc.partition.ntls.LinkHandler}).
 */
package org.openstc.partition.ntls;
