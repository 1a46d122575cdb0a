package org.openstc.crypto;

import java.util.List;
import org.openstc.crypto.bc.BcCryptoProvider;
import org.openstc.crypto.jca.JcaCryptoProvider;
import org.openstc.crypto.tuned.TunedCryptoProvider;

/**
 * The implementations of {@link CryptoProvider}: the JDK's, Bouncy Castle's, and the one openstc
 * runs on, which takes the faster of the two per primitive and JVM.
 */
public final class CryptoProviders {
  private CryptoProviders() {}

  /** The JDK providers alone (SunEC, SunJCE, SUN). */
  public static CryptoProvider jca() {
    return JcaCryptoProvider.INSTANCE;
  }

  /** Bouncy Castle's lightweight API: the second implementation, and BLAKE2. */
  public static CryptoProvider bouncyCastle() {
    return BcCryptoProvider.INSTANCE;
  }

  /**
   * The default and the hot path: per primitive the faster of {@link #jca()} and
   * {@link #bouncyCastle()} on this JVM (docs/performance.md, "Provider choice").
   */
  public static CryptoProvider tuned() {
    return TunedCryptoProvider.INSTANCE;
  }

  /** All three, for parameterized tests: JCA, BC, then the tuned mix of the two. */
  public static List<CryptoProvider> all() {
    return List.of(jca(), bouncyCastle(), tuned());
  }
}
