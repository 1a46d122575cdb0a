package org.openstc.crypto.tuned;

import org.openstc.crypto.CryptoProvider;
import org.openstc.crypto.bc.BcCryptoProvider;

/**
 * Which implementation {@link TunedCryptoProvider} takes for each primitive on a JVM of a given
 * feature release. The figures behind each rule are in docs/performance.md ("Provider choice");
 * change a rule only with a new run of {@code ProviderInterleaved} on both JVMs.
 *
 * @param bouncyCastle whether Bouncy Castle is on the class path (nothing is taken from it if not)
 * @param nistByBc P-256 and P-521 by BC
 * @param xdhByBc X25519 and X448 by BC
 * @param chaChaByBc ChaCha20-Poly1305 by BC
 */
record Choice(boolean bouncyCastle, boolean nistByBc, boolean xdhByBc, boolean chaChaByBc) {

  /**
   * The rules, from the medians of per-round ratios on JDK 17 and 25: BC is faster than SunEC at
   * NIST key generation (comb) on both, at NIST agreement on 25 and at P-256 agreement on 17, and
   * level with it at P-521 agreement on 17; BC's X25519 is faster than SunEC's XDH on both; the
   * JDK's ChaCha20-Poly1305 is slower than BC's on 17 and faster on 25 (intrinsics since JDK 20;
   * 21 is the first LTS with them, and 18-20 were not measured).
   */
  static Choice forJvm(int feature, boolean bouncyCastle) {
    if (!bouncyCastle) {
      return new Choice(false, false, false, false);
    }
    return new Choice(true, true, true, feature < 21);
  }

  static boolean bouncyCastlePresent() {
    try {
      Class.forName("org.bouncycastle.math.ec.custom.sec.SecP256R1Curve", false,
          Choice.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }

  /** BC's provider, or null when Bouncy Castle is absent. */
  CryptoProvider bc() {
    return bouncyCastle ? BcCryptoProvider.INSTANCE : null;
  }

  @Override
  public String toString() {
    if (!bouncyCastle) {
      return "JDK only (no Bouncy Castle on the class path)";
    }
    return "P-256/P-521 " + (nistByBc ? "BC" : "JDK") + ", X25519/X448 "
        + (xdhByBc ? "BC" : "JDK") + ", ChaChaPoly " + (chaChaByBc ? "BC" : "JDK")
        + ", AES-GCM and SHA-2 JDK";
  }
}
