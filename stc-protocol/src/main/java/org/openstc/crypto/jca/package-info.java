/**
 * API: the crypto provider on the JDK's own providers (SunEC, SunJCE, SUN), one of the two that
 * {@link org.openstc.crypto.tuned.TunedCryptoProvider} (the hot path) chooses from. Only
 * {@link org.openstc.crypto.jca.JcaCryptoProvider} is public; the primitives behind it are
 * package-private. Nothing here uses Bouncy Castle.
 */
package org.openstc.crypto.jca;
