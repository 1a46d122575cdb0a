/**
 * API: the JCA provider {@code OpenSTC} ({@link org.openstc.jca.OpenStcProvider}) and the key
 * label spec its generators take ({@link org.openstc.jca.StcKeyGenSpec}). Everything else is
 * package-private: the KeyStore, Cipher, Signature, generator and SecureRandom implementations
 * the provider's services create, and the opaque keys they hand out (docs/jca.md).
 */
package org.openstc.jca;
