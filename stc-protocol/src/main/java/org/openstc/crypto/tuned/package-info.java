/**
 * API: the crypto provider openstc runs on, {@link org.openstc.crypto.tuned.TunedCryptoProvider}:
 * per primitive and per JVM the faster of the JDK and Bouncy Castle implementations (measured in
 * docs/performance.md). Only the provider is public; it hands out the two providers' own
 * functions.
 */
package org.openstc.crypto.tuned;
