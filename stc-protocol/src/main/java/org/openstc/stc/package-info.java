/**
 * API: the STC/1 secure channel (docs/protocol.md), sans-IO. {@link
 * org.openstc.stc.ClientHandshake} and {@link org.openstc.stc.PartitionHandshake} run OPEN / RETRY
 * / ACTIVATE and yield an {@link org.openstc.stc.StcChannel}, the record layer. The interfaces a
 * token and a host implement ({@link org.openstc.stc.StaticKeyAgreement}, {@link
 * org.openstc.stc.PeerRegistry}, {@link org.openstc.stc.PartitionResolver}) have in-memory
 * implementations here; everything a peer can cause is an {@link org.openstc.stc.StcException}
 * carrying an {@link org.openstc.stc.StcError}.
 */
package org.openstc.stc;
