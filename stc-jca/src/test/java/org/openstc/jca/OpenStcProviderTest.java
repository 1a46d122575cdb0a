package org.openstc.jca;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.security.InvalidKeyException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.SignatureException;
import java.security.UnrecoverableKeyException;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.EdECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Collections;
import org.junit.jupiter.api.Test;

/** KeyStore, key pair generation and signatures through the provider against a real partition. */
class OpenStcProviderTest extends LiveProviderTest {

  private static KeyPair ecPair(String label) throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC", provider);
    g.initialize(label == null ? new ECGenParameterSpec("secp256r1") : new StcKeyGenSpec(label));
    return g.generateKeyPair();
  }

  private static byte[] sign(String alg, PrivateKey key, byte[] data) throws Exception {
    Signature s = Signature.getInstance(alg, provider);
    s.initSign(key);
    s.update(data);
    return s.sign();
  }

  private static boolean jdkVerify(String alg, java.security.PublicKey pub, byte[] data, byte[] sig) throws Exception {
    Signature v = Signature.getInstance(alg, "SunEC");
    v.initVerify(pub);
    v.update(data);
    return v.verify(sig);
  }

  @Test
  void wrongPinIsAnIoExceptionCausedByUnrecoverableKey() throws Exception {
    try (OpenStcProvider p = new OpenStcProvider(partition.config(""))) {
      KeyStore other = KeyStore.getInstance("OpenSTC", p);
      IOException e = assertThrows(IOException.class, () -> other.load(null, "wrong-pin-1".toCharArray()));
      assertInstanceOf(UnrecoverableKeyException.class, e.getCause());
      assertTrue(e.getMessage().contains("CKR_PIN_INCORRECT"), e.getMessage());
    }
  }

  @Test
  void ecdsaSignaturesVerifyWithTheJdk() throws Exception {
    KeyPair kp = ecPair(null);
    assertInstanceOf(ECPublicKey.class, kp.getPublic());
    assertNull(kp.getPrivate().getEncoded());
    byte[] data = "to be signed".getBytes();
    assertTrue(jdkVerify("SHA256withECDSA", kp.getPublic(), data, sign("SHA256withECDSA", kp.getPrivate(), data)));
    byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(data);
    assertTrue(jdkVerify("NONEwithECDSA", kp.getPublic(), digest, sign("NONEwithECDSA", kp.getPrivate(), digest)));
    assertThrows(SignatureException.class, () -> sign("NONEwithECDSA", kp.getPrivate(), new byte[65]));
    // Verification through the provider delegates to the JDK.
    Signature v = Signature.getInstance("SHA256withECDSA", provider);
    v.initVerify(kp.getPublic());
    v.update(data);
    assertFalse(v.verify(sign("SHA256withECDSA", kp.getPrivate(), "other".getBytes())));
  }

  @Test
  void ed25519SignaturesVerifyWithTheJdk() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("Ed25519", provider);
    KeyPair kp = g.generateKeyPair();
    assertInstanceOf(EdECPublicKey.class, kp.getPublic());
    byte[] sig = sign("Ed25519", kp.getPrivate(), new byte[] {1, 2, 3});
    assertEquals(64, sig.length);
    assertTrue(jdkVerify("Ed25519", kp.getPublic(), new byte[] {1, 2, 3}, sig));
    assertThrows(InvalidKeyException.class, () -> Signature.getInstance("SHA256withECDSA", provider).initSign(kp.getPrivate()));
  }

  @Test
  void keysOfOtherProvidersAreRefusedSoSelectionMovesOn() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC", "SunEC");
    g.initialize(256);
    PrivateKey jdkKey = g.generateKeyPair().getPrivate();
    assertThrows(InvalidKeyException.class, () -> Signature.getInstance("SHA256withECDSA", provider).initSign(jdkKey));
    KeyPair ours = ecPair("selection");
    java.security.Security.addProvider(provider);
    try {
      for (PrivateKey k : new PrivateKey[] {jdkKey, ours.getPrivate()}) {
        Signature s = Signature.getInstance("SHA256withECDSA");
        s.initSign(k);
        s.update(new byte[1]);
        s.sign();
        assertEquals(k == jdkKey ? "SunEC" : "OpenSTC", s.getProvider().getName());
      }
    } finally {
      java.security.Security.removeProvider(provider.getName());
    }
  }

  @Test
  void keyStoreEntriesAreLabelsWithTheirCertificates() throws Exception {
    KeyPair kp = ecPair(null);
    String auto = ((StcKey) kp.getPrivate()).label();
    assertTrue(ks.isKeyEntry(auto));
    var cert = Certificates.selfSigned("web", kp.getPublic(), kp.getPrivate(), provider, "SHA256withECDSA");
    ks.setKeyEntry("web", kp.getPrivate(), null, new java.security.cert.Certificate[] {cert});
    assertFalse(ks.containsAlias(auto), "the generated key now belongs to alias web");
    assertTrue(ks.isKeyEntry("web"));
    assertEquals(cert, ks.getCertificate("web"));
    assertArrayEquals(new java.security.cert.Certificate[] {cert}, ks.getCertificateChain("web"));
    PrivateKey again = (PrivateKey) ks.getKey("web", null);
    assertTrue(jdkVerify("SHA256withECDSA", cert.getPublicKey(), new byte[] {7}, sign("SHA256withECDSA", again, new byte[] {7})));
    ks.setCertificateEntry("trusted", cert);
    assertTrue(ks.isCertificateEntry("trusted"));
    assertThrows(java.security.KeyStoreException.class, () -> ks.setCertificateEntry("web", cert));
    assertTrue(Collections.list(ks.aliases()).containsAll(java.util.List.of("web", "trusted")));
    int size = ks.size();
    ks.deleteEntry("trusted");
    assertEquals(size - 1, ks.size());
    assertNull(ks.getCertificate("trusted"));
  }

  @Test
  void aChainThatIsNotTheKeysIsRefused() throws Exception {
    KeyPair a = ecPair("chain-a");
    KeyPair b = ecPair("chain-b");
    var certB = Certificates.selfSigned("b", b.getPublic(), b.getPrivate(), provider, "SHA256withECDSA");
    assertThrows(java.security.KeyStoreException.class,
        () -> ks.setKeyEntry("chain-a", a.getPrivate(), null, new java.security.cert.Certificate[] {certB}));
  }

  @Test
  void aDeletedKeyFailsClearly() throws Exception {
    KeyPair kp = ecPair("doomed");
    ks.deleteEntry("doomed");
    assertFalse(ks.containsAlias("doomed"));
    SignatureException e = assertThrows(SignatureException.class, () -> sign("SHA256withECDSA", kp.getPrivate(), new byte[1]));
    assertTrue(e.getMessage().contains("CKR_KEY_HANDLE_INVALID"), e.getMessage());
  }

  @Test
  void concurrentSignersShareOneChannel() throws Exception {
    KeyPair kp = ecPair("shared");
    var pool = java.util.concurrent.Executors.newFixedThreadPool(8);
    try {
      var futures = new java.util.ArrayList<java.util.concurrent.Future<Boolean>>();
      for (int i = 0; i < 64; i++) {
        byte[] data = {(byte) i};
        futures.add(pool.submit(() -> jdkVerify("SHA256withECDSA", kp.getPublic(), data, sign("SHA256withECDSA", kp.getPrivate(), data))));
      }
      for (var f : futures) {
        assertTrue(f.get(60, java.util.concurrent.TimeUnit.SECONDS));
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void secureRandomComesFromThePartition() throws Exception {
    SecureRandom r = SecureRandom.getInstance("OpenSTC", provider);
    byte[] a = new byte[70_000];
    r.nextBytes(a);
    byte[] b = new byte[70_000];
    r.nextBytes(b);
    assertFalse(java.util.Arrays.equals(a, b));
    assertFalse(java.util.Arrays.equals(new byte[1000], java.util.Arrays.copyOfRange(a, 65_536, 66_536)));
  }

  @Test
  void aClosedProviderFailsClearly() throws Exception {
    OpenStcProvider p = new OpenStcProvider(partition.config(""));
    KeyStore other = KeyStore.getInstance("OpenSTC", p);
    other.load(null, TestPartition.CO_PIN.toCharArray());
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC", p);
    KeyPair kp = g.generateKeyPair();
    p.close();
    SignatureException e = assertThrows(SignatureException.class, () -> {
      Signature s = Signature.getInstance("SHA256withECDSA", p);
      s.initSign(kp.getPrivate());
      s.sign();
    });
    assertTrue(e.getMessage().contains("closed"), e.getMessage());
    assertThrows(java.security.ProviderException.class, other::size);
  }
}
