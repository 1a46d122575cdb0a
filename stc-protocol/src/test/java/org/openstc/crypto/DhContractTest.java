package org.openstc.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.openstc.crypto.internal.EcCurves;

/** The {@link DhFunction} / {@link DhKeyPair} contract, for every provider and function. */
class DhContractTest {
  private static final SecureRandom RANDOM = new SecureRandom();

  static Stream<Arguments> functions() {
    return CryptoProviders.all().stream().flatMap(
        p -> Stream.of("25519", "448", "P256", "P521").map(dh -> Arguments.of(p, dh)));
  }

  static Stream<Arguments> xdh() {
    return functions().filter(a -> !a.get()[1].toString().startsWith("P"));
  }

  static Stream<Arguments> nist() {
    return functions().filter(a -> a.get()[1].toString().startsWith("P"));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("functions")
  void destroyedKeyPairRefusesToAgree(CryptoProvider p, String dh)
      throws GeneralSecurityException {
    DhKeyPair pair = p.dh(dh).generateKeyPair(RANDOM);
    byte[] peer = p.dh(dh).generateKeyPair(RANDOM).publicKey();
    pair.agree(peer);
    assertFalse(pair.isDestroyed());
    pair.destroy();
    assertTrue(pair.isDestroyed());
    assertThrows(IllegalStateException.class, () -> pair.agree(peer));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("functions")
  void wrongLengthsAreRejected(CryptoProvider p, String dh) throws GeneralSecurityException {
    DhFunction f = p.dh(dh);
    DhKeyPair pair = f.generateKeyPair(RANDOM);
    for (int delta : new int[] {-1, 1}) {
      byte[] pub = new byte[f.publicKeyLength() + delta];
      assertThrows(InvalidKeyException.class, () -> f.validatePublicKey(pub));
      assertThrows(InvalidKeyException.class, () -> pair.agree(pub));
      assertThrows(InvalidKeyException.class,
          () -> f.fromPrivateKey(new byte[f.privateKeyLength() + delta]));
    }
    assertThrows(InvalidKeyException.class, () -> f.validatePublicKey(null));
    assertThrows(InvalidKeyException.class, () -> pair.agree(new byte[0]));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("functions")
  void keyPairIsRebuiltFromItsPrivateKey(CryptoProvider p, String dh)
      throws GeneralSecurityException {
    byte[] priv = Keys.randomPrivate(dh, RANDOM);
    DhKeyPair a = p.dh(dh).fromPrivateKey(priv);
    DhKeyPair b = p.dh(dh).fromPrivateKey(priv);
    assertEquals(p.dh(dh).publicKeyLength(), a.publicKey().length);
    assertArrayEquals(a.publicKey(), b.publicKey());
    p.dh(dh).validatePublicKey(a.publicKey());
    assertEquals(dh, a.function().name());
    assertFalse(a.toString().contains(new BigInteger(1, priv).toString(16)));
  }

  /** u = 0 and u = 1 have small order: the result is all zero and must be refused. */
  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("xdh")
  void lowOrderPointsAreRefused(CryptoProvider p, String dh) throws GeneralSecurityException {
    DhKeyPair pair = p.dh(dh).generateKeyPair(RANDOM);
    byte[] zero = new byte[p.dh(dh).publicKeyLength()];
    byte[] one = zero.clone();
    one[0] = 1;
    assertThrows(InvalidKeyException.class, () -> pair.agree(zero));
    assertThrows(InvalidKeyException.class, () -> pair.agree(one));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("nist")
  void nistPrivateScalarMustBeInRange(CryptoProvider p, String dh) throws GeneralSecurityException {
    EcCurves curve = EcCurves.byNoiseName(dh);
    byte[] n = new byte[curve.fieldLength()];
    curve.writeFixed(curve.order(), n, 0);
    assertThrows(InvalidKeyException.class, () -> p.dh(dh).fromPrivateKey(n));
    assertThrows(InvalidKeyException.class,
        () -> p.dh(dh).fromPrivateKey(new byte[curve.fieldLength()]));
  }

  /** A partition's static key serves concurrent handshakes. */
  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("functions")
  void concurrentAgreementsAreCorrect(CryptoProvider p, String dh) throws Exception {
    DhKeyPair shared = p.dh(dh).generateKeyPair(RANDOM);
    List<DhKeyPair> peers = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      peers.add(p.dh(dh).generateKeyPair(RANDOM));
    }
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> runs = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        runs.add(pool.submit(() -> agreeRepeatedly(shared, peers)));
      }
      for (Future<?> f : runs) {
        f.get(2, TimeUnit.MINUTES);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private static Void agreeRepeatedly(DhKeyPair shared, List<DhKeyPair> peers) throws Exception {
    for (int round = 0; round < 2; round++) {
      for (DhKeyPair peer : peers) {
        assertArrayEquals(peer.agree(shared.publicKey()), shared.agree(peer.publicKey()));
      }
    }
    return null;
  }
}
