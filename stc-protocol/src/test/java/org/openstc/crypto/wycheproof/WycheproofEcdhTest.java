package org.openstc.crypto.wycheproof;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.openstc.crypto.wycheproof.Wycheproof.hasFlag;
import static org.openstc.crypto.wycheproof.Wycheproof.hex;

import com.google.gson.JsonObject;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.asn1.sec.SECNamedCurves;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.openstc.crypto.CryptoProvider;
import org.openstc.crypto.DhFunction;
import org.openstc.crypto.internal.EcCurves;

/**
 * Wycheproof ECDH on P-256 and P-521 through {@link DhFunction#fromPrivateKey} and
 * {@code DhKeyPair.agree}. The {@code _test} files give the peer key as SubjectPublicKeyInfo,
 * decoded by the strict test-side {@link Spki}; the {@code _ecpoint} files give raw SEC1 points.
 * Wycheproof private keys are big-endian integers, sometimes with a leading zero byte or shorter:
 * they are normalized to the fixed length {@link EcCurves#fieldLength()}.
 *
 * <p>Decision table for {@code acceptable} cases (by flag; any other acceptable flag fails the test
 * until someone decides it):
 * <table>
 *   <tr><th>flag</th><th>decision</th><th>why</th></tr>
 *   <tr><td>CompressedPublic / CompressedPoint</td><td>reject</td><td>the interface takes only
 *       uncompressed points: a Noise public key has the fixed length DHLEN</td></tr>
 *   <tr><td>UnnamedCurve (with UnusedParam, WrongOrder, ModifiedGenerator, ModifiedCofactor,
 *       NoCofactor, ModifiedCurveParameter)</td><td>reject</td><td>explicit curve parameters
 *       are never trusted; only the named-curve OID is accepted</td></tr>
 *   <tr><td>InvalidAsn</td><td>reject</td><td>BER or otherwise non-DER encodings: openstc has no
 *       reason to be lenient with a key encoding</td></tr>
 * </table>
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES) // the JCA P-521 files take 70-100 s on a loaded machine
class WycheproofEcdhTest {

  @ParameterizedTest(name = "{0}")
  @MethodSource("org.openstc.crypto.wycheproof.Wycheproof#providers")
  void p256Spki(CryptoProvider provider) throws GeneralSecurityException {
    run(provider, "ecdh_secp256r1_test.json", EcCurves.P256, true);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("org.openstc.crypto.wycheproof.Wycheproof#providers")
  void p256EcPoint(CryptoProvider provider) throws GeneralSecurityException {
    run(provider, "ecdh_secp256r1_ecpoint_test.json", EcCurves.P256, false);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("org.openstc.crypto.wycheproof.Wycheproof#providers")
  void p521Spki(CryptoProvider provider) throws GeneralSecurityException {
    run(provider, "ecdh_secp521r1_test.json", EcCurves.P521, true);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("org.openstc.crypto.wycheproof.Wycheproof#providers")
  void p521EcPoint(CryptoProvider provider) throws GeneralSecurityException {
    run(provider, "ecdh_secp521r1_ecpoint_test.json", EcCurves.P521, false);
  }

  private static void run(CryptoProvider provider, String file, EcCurves curve, boolean spki)
      throws GeneralSecurityException {
    DhFunction dh = provider.dh(curve.noiseName());
    Tally tally = new Tally(provider.name(), file);
    for (JsonObject group : Wycheproof.groups(file)) {
      assertEquals(curve.standardName(), group.get("curve").getAsString(), "group curve");
      for (JsonObject test : Wycheproof.tests(group)) {
        byte[] priv = fixedLength(new BigInteger(hex(test, "private")), curve);
        byte[] encoded = hex(test, "public");
        tally.check(Wycheproof.tcId(test), Wycheproof.result(test), decide(test, tally),
            () -> dh.fromPrivateKey(priv).agree(spki ? point(encoded, curve, tally) : encoded),
            hex(test, "shared"));
      }
    }
    tally.finish();
  }

  private static byte[] point(byte[] der, EcCurves curve, Tally tally)
      throws GeneralSecurityException {
    try {
      return Spki.ecPoint(der, SECNamedCurves.getOID(curve.standardName()));
    } catch (GeneralSecurityException e) {
      tally.note("rejected by the test's strict SPKI decoder (before the engine)");
      throw e;
    }
  }

  /** The decision table above; null (a test failure) for an acceptable flag nobody decided. */
  private static Tally.Expect decide(JsonObject test, Tally tally) {
    if (!Wycheproof.result(test).equals("acceptable")) {
      return null;
    }
    String why = hasFlag(test, "CompressedPublic") ? "compressed point"
        : hasFlag(test, "UnnamedCurve") ? "explicit curve parameters"
        : hasFlag(test, "InvalidAsn") ? "non-DER encoding" : null;
    if (why == null) {
      return null;
    }
    tally.note("acceptable, " + why + ": reject");
    return Tally.Expect.REJECT;
  }

  /** A Wycheproof private key (signed big-endian, any length) as the fixed-length scalar. */
  private static byte[] fixedLength(BigInteger d, EcCurves curve) {
    if (d.signum() < 0 || d.bitLength() > 8 * curve.fieldLength()) {
      throw new AssertionError("private key does not fit " + curve.fieldLength() + " bytes");
    }
    byte[] out = new byte[curve.fieldLength()];
    curve.writeFixed(d, out, 0);
    return out;
  }
}
