package org.openstc.crypto.wycheproof;

import java.security.GeneralSecurityException;

/**
 * Test seam: the keyed cipher behind an {@link org.openstc.crypto.Aead}, driven with a raw 96-bit
 * nonce instead of the Noise counter. Only Wycheproof vectors whose nonce does not have the Noise
 * shape (four zero bytes, then the counter) need it; production code has no way to reach it.
 */
public interface RawIvAead {

  byte[] seal(byte[] iv, byte[] ad, byte[] plaintext) throws GeneralSecurityException;

  byte[] open(byte[] iv, byte[] ad, byte[] ciphertextAndTag) throws GeneralSecurityException;
}
