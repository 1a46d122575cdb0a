package org.openstc.crypto;

import java.security.GeneralSecurityException;

/** A Noise cipher function: creates {@link Aead} instances bound to a 32-byte key. */
public interface CipherFunction {

  /** The Noise name: {@code AESGCM} or {@code ChaChaPoly}. */
  String name();

  /**
   * Returns an AEAD keyed with {@code key} (32 bytes; copied). The instance keeps its cipher
   * objects so that each record costs no provider lookup.
   */
  Aead newAead(byte[] key) throws GeneralSecurityException;
}
