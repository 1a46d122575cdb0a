package org.openstc.crypto;

import java.util.List;
import org.openstc.crypto.jca.JcaCryptoProvider;

/** The two implementations of {@link CryptoProvider}. */
public final class CryptoProviders {
  private CryptoProviders() {}

  /** The JDK providers: the default and the hot path. */
  public static CryptoProvider jca() {
    return JcaCryptoProvider.INSTANCE;
  }

  /** Both, for parameterized tests. */
  public static List<CryptoProvider> all() {
    return List.of(jca());
  }
}
