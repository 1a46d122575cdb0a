package org.openstc.crypto.tuned;

import org.openstc.crypto.CryptoProvider;
import org.openstc.crypto.bc.BcCryptoProvider;
import org.openstc.crypto.internal.EcCurves;

/**
 * Which implementation {@link TunedCryptoProvider} takes for each primitive on a JVM of a given
 * feature release. The figures behind each rule are in docs/performance.md ("Provider choice");
 * change a rule only with a new run of {@code ProviderInterleaved} on both JVMs.
 *
 * @param bouncyCastle whether Bouncy Castle is on the class path (nothing is taken from it if not)
 * @param p256ByBc P-256 agreement by BC (public keys are by BC whenever it is present)
 * @param p521ByBc P-521 agreement by BC
 * @param xdhByBc X25519 and X448 entirely by BC
 * @param chaChaByBc ChaCha20-Poly1305 by BC
 */
record Choice(boolean bouncyCastle, boolean p256ByBc, boolean p521ByBc, boolean xdhByBc,
    boolean chaChaByBc) {

  /**
   * The rules, from the medians of per-round ratios (JDK 17 and 25): BC's comb makes NIST public
   * keys faster everywhere; BC's regular P-256 agreement beats SunEC on both; P-521 agreement is
   * SunEC's on 17 (BC's regular multiplier is not faster there) and BC's from 25; BC's X25519 beats
   * SunEC's XDH on both; the JDK's ChaCha20-Poly1305 has intrinsics from JDK 21 on.
   */
  static Choice forJvm(int feature, boolean bouncyCastle) {
    if (!bouncyCastle) {
      return new Choice(false, false, false, false, false);
    }
    return new Choice(true, true, feature >= 25, true, feature < 21);
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

  boolean ecdhByBc(EcCurves curve) {
    return curve == EcCurves.P256 ? p256ByBc : p521ByBc;
  }

  @Override
  public String toString() {
    if (!bouncyCastle) {
      return "JDK only (no Bouncy Castle on the class path)";
    }
    return "P-256 agreement " + (p256ByBc ? "BC" : "JDK") + ", P-521 agreement "
        + (p521ByBc ? "BC" : "JDK") + ", NIST public keys BC, X25519/X448 "
        + (xdhByBc ? "BC" : "JDK") + ", ChaChaPoly " + (chaChaByBc ? "BC" : "JDK")
        + ", AES-GCM and SHA-2 JDK";
  }
}
