/**
 * Internal: not API; may change without notice. Encodings the channel, the handshakes and our
 * conformance peers share (the ALERT and REJECT body).
 */
package org.openstc.stc.internal;
