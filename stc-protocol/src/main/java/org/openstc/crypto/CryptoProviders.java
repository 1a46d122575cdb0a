package org.openstc.crypto;

import java.util.List;
import org.openstc.crypto.bc.BcCryptoProvider;
import org.openstc.crypto.jca.JcaCryptoProvider;

/** The two implementations of {@link CryptoProvider}. */
public final class CryptoProviders {
  private CryptoProviders() {}

  /** The JDK providers: the default and the hot path. */
  public static CryptoProvider jca() {
    return JcaCryptoProvider.INSTANCE;
  }

  /** Bouncy Castle's lightweight API: the second implementation, and BLAKE2. */
  public static CryptoProvider bouncyCastle() {
    return BcCryptoProvider.INSTANCE;
  }

  /** Both, for parameterized tests: JCA first. */
  public static List<CryptoProvider> all() {
    return List.of(jca(), bouncyCastle());
  }
}
