/**
 * API: a Noise Protocol Framework engine (revision 34) on the crypto SPI: handshake patterns as
 * data ({@link org.openstc.noise.Patterns}), {@link org.openstc.noise.HandshakeState} driven by an
 * explicit next action, and the transport {@link org.openstc.noise.CipherStatePair} it splits into.
 * The STC channel is built on it; a protocol tester uses it directly to write hostile handshake
 * messages.
 */
package org.openstc.noise;
