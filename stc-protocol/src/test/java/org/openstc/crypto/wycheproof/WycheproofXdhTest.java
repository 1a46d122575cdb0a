package org.openstc.crypto.wycheproof;

import static org.openstc.crypto.wycheproof.Wycheproof.hasFlag;
import static org.openstc.crypto.wycheproof.Wycheproof.hex;

import com.google.gson.JsonObject;
import java.security.GeneralSecurityException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.openstc.crypto.CryptoProvider;
import org.openstc.crypto.DhFunction;
import org.openstc.crypto.DhKeyPair;

/**
 * Wycheproof X25519 through {@link DhFunction#fromPrivateKey} and {@link DhKeyPair#agree}.
 *
 * <p>Decision table for {@code acceptable} cases (by flag):
 * <table>
 *   <tr><th>flag</th><th>decision</th><th>why</th></tr>
 *   <tr><td>ZeroSharedSecret, LowOrderPublic (incl. with SmallPublicKey, NonCanonicalPublic,
 *       SpecialPublicKey, Twist, EdgeCaseMultiplication)</td><td>reject</td><td>the result is all
 *       zero; {@code agree} must throw {@code InvalidKeyException} (DhFunction contract, Noise
 *       section 9.1's optional check, which openstc makes mandatory)</td></tr>
 *   <tr><td>Twist, EdgeCaseShared, EdgeCaseMultiplication, Ktv (non-zero result)</td>
 *       <td>accept</td><td>RFC 7748 defines X25519 on every 32-byte string; the point on the
 *       twist leaks nothing about a clamped scalar beyond the result, which must match</td></tr>
 *   <tr><td>NonCanonicalPublic, SpecialPublicKey (non-zero result)</td><td>accept</td><td>RFC
 *       7748 section 5: mask bit 255 and reduce u modulo p; the result must match. SunEC does
 *       the same, so no JDK-specific exception is needed</td></tr>
 * </table>
 * The decision is therefore "reject exactly when the expected shared secret is all zero"; the test
 * also checks that this coincides with the ZeroSharedSecret flag.
 */
class WycheproofXdhTest {
  private static final String FILE = "x25519_test.json";

  @ParameterizedTest(name = "{0}")
  @MethodSource("org.openstc.crypto.wycheproof.Wycheproof#providers")
  void x25519(CryptoProvider provider) throws GeneralSecurityException {
    DhFunction dh = provider.dh("25519");
    Tally tally = new Tally(provider.name(), FILE);
    for (JsonObject group : Wycheproof.groups(FILE)) {
      for (JsonObject test : Wycheproof.tests(group)) {
        byte[] priv = hex(test, "private");
        byte[] pub = hex(test, "public");
        byte[] shared = hex(test, "shared");
        Tally.Expect decision = decide(test, shared, tally);
        tally.check(Wycheproof.tcId(test), Wycheproof.result(test), decision,
            () -> dh.fromPrivateKey(priv).agree(pub), shared);
      }
    }
    tally.finish();
  }

  private static Tally.Expect decide(JsonObject test, byte[] shared, Tally tally) {
    boolean zero = allZero(shared);
    if (zero != hasFlag(test, "ZeroSharedSecret")) {
      throw new AssertionError("tc " + Wycheproof.tcId(test) + ": zero result without the flag");
    }
    if (Wycheproof.result(test).equals("acceptable")) {
      tally.note(zero ? "acceptable, all-zero shared secret: reject"
          : "acceptable, non-zero shared secret (twist/non-canonical/edge case): accept");
    }
    return zero ? Tally.Expect.REJECT : Tally.Expect.ACCEPT;
  }

  private static boolean allZero(byte[] b) {
    int acc = 0;
    for (byte x : b) {
      acc |= x;
    }
    return acc == 0;
  }
}
