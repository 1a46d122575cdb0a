/**
 * Internal: not API; may change without notice. Bouncy Castle helpers our modules share outside
 * the Noise provider: the NTLS link's self-signed certificates and encrypted PKCS#8 key files.
 * Kept beside the BC provider so the rest of stc-protocol stays free of Bouncy Castle.
 */
package org.openstc.crypto.bc.internal;
