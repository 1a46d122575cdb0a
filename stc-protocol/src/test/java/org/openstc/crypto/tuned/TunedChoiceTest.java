package org.openstc.crypto.tuned;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.SecureRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.openstc.crypto.CryptoProvider;
import org.openstc.crypto.CryptoProviders;
import org.openstc.crypto.DhFunction;
import org.openstc.crypto.DhKeyPair;
import org.openstc.crypto.internal.EcCurves;

/**
 * Every choice {@link TunedCryptoProvider} can make, not only the running JVM's: each agrees with
 * the JDK alone on the same private keys and refuses what the JDK refuses; without Bouncy Castle
 * everything is the JDK's; the rules per JVM are the documented ones.
 */
class TunedChoiceTest {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final CryptoProvider JCA = CryptoProviders.jca();

  static Stream<Choice> choices() {
    return Stream.of(new Choice(true, false, false, false), new Choice(true, true, true, true),
        new Choice(true, true, false, false), new Choice(false, false, false, false));
  }

  @ParameterizedTest
  @MethodSource("choices")
  void everyChoiceAgreesWithTheJdkOnTheSameKeys(Choice choice) throws GeneralSecurityException {
    TunedCryptoProvider tuned = new TunedCryptoProvider(choice);
    for (String dh : new String[] {"P256", "P521", "25519"}) {
      DhFunction f = tuned.dh(dh);
      DhKeyPair a = f.generateKeyPair(RANDOM);
      DhKeyPair b = JCA.dh(dh).generateKeyPair(RANDOM);
      byte[] secret = a.agree(b.publicKey());
      assertArrayEquals(secret, b.agree(a.publicKey()), choice + " " + dh);
      byte[] raw = dh.equals("25519") ? new byte[32]
          : EcCurves.byNoiseName(dh).randomScalar(RANDOM);
      if (dh.equals("25519")) {
        RANDOM.nextBytes(raw);
      }
      assertArrayEquals(JCA.dh(dh).fromPrivateKey(raw).publicKey(),
          f.fromPrivateKey(raw).publicKey(), choice + " " + dh + " public key");
    }
  }

  @ParameterizedTest
  @MethodSource("choices")
  void everyChoiceRefusesAnOffCurvePointAndADestroyedKey(Choice choice) throws Exception {
    TunedCryptoProvider tuned = new TunedCryptoProvider(choice);
    for (String dh : new String[] {"P256", "P521"}) {
      DhKeyPair a = tuned.dh(dh).generateKeyPair(RANDOM);
      byte[] off = JCA.dh(dh).generateKeyPair(RANDOM).publicKey();
      off[off.length - 1] ^= 1;
      assertThrows(InvalidKeyException.class, () -> a.agree(off), choice + " " + dh);
      assertThrows(InvalidKeyException.class, () -> tuned.dh(dh).validatePublicKey(off));
      a.destroy();
      assertTrue(a.isDestroyed());
      byte[] good = JCA.dh(dh).generateKeyPair(RANDOM).publicKey();
      assertThrows(IllegalStateException.class, () -> a.agree(good), choice + " " + dh);
    }
  }

  @Test
  void withoutBouncyCastleEveryPrimitiveIsTheJdks() throws Exception {
    TunedCryptoProvider tuned = new TunedCryptoProvider(Choice.forJvm(17, false));
    for (String dh : new String[] {"P256", "P521", "25519", "448"}) {
      assertSame(JCA.dh(dh), tuned.dh(dh), dh);
    }
    assertSame(JCA.cipher("ChaChaPoly"), tuned.cipher("ChaChaPoly"));
    assertFalse(tuned.supported().contains("BLAKE2s"));
    assertTrue(tuned.choices().startsWith("JDK only"), tuned.choices());
  }

  @Test
  void rulesPerJvm() throws Exception {
    Choice on17 = Choice.forJvm(17, true);
    Choice on25 = Choice.forJvm(25, true);
    assertTrue(on17.chaChaByBc() && !on25.chaChaByBc(), "ChaChaPoly: BC before JDK 21 only");
    assertTrue(on17.xdhByBc() && on25.xdhByBc());
    assertTrue(on17.nistByBc() && on25.nistByBc());
    TunedCryptoProvider tuned = new TunedCryptoProvider(on17);
    assertTrue(tuned.choices().contains("ChaChaPoly BC"), tuned.choices());
    CryptoProvider bc = CryptoProviders.bouncyCastle();
    assertSame(bc.dh("P256"), tuned.dh("P256"));
    assertSame(bc.dh("P521"), tuned.dh("P521"));
    assertSame(bc.dh("25519"), tuned.dh("25519"));
    assertSame(bc.cipher("ChaChaPoly"), tuned.cipher("ChaChaPoly"));
    assertSame(JCA.cipher("AESGCM"), tuned.cipher("AESGCM"));
    assertSame(JCA.cipher("ChaChaPoly"), new TunedCryptoProvider(on25).cipher("ChaChaPoly"));
  }
}
