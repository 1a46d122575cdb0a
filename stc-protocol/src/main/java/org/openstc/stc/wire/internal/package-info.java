/**
 * Internal: not API; may change without notice. Encodings of the handshake's structures (the OPEN
 * prologue, the channel parameters in message 2) that the two handshakes and our conformance peers
 * share.
 */
package org.openstc.stc.wire.internal;
