/**
 * Internal: not API; may change without notice. Curve arithmetic and encodings that both crypto
 * providers (and the stores that keep EC keys) share: the NIST curves' parameters, point and scalar
 * checks, and the Noise nonce layout of each cipher.
 */
package org.openstc.crypto.internal;
