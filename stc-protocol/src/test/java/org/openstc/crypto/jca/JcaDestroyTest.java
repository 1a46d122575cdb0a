package org.openstc.crypto.jca;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.KeyAgreement;
import org.openstc.crypto.DhKeyPair;
import org.openstc.crypto.SecretBytes;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * After {@code destroy()} a JCA AEAD holds no reference to its key (the key spec is dropped and the
 * kept {@link javax.crypto.Cipher} is re-keyed, so it no longer produces the old key's output), and a
 * JCA key pair holds no private key and no key agreement keyed with it.
 */
class JcaDestroyTest {
  private static final byte[] AD = {9, 9};
  private static final byte[] PLAINTEXT = "attack at dawn".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

  @ParameterizedTest
  @EnumSource(JcaCipher.Kind.class)
  void destroyDropsTheKeyAndReKeysTheCipher(JcaCipher.Kind kind) throws Exception {
    byte[] key = new byte[32];
    Arrays.fill(key, (byte) 0x11);
    JcaCipher.Keyed aead = (JcaCipher.Keyed) new JcaCipher(kind).newAead(key);
    byte[] sealed = aead.seal(0, AD, PLAINTEXT);

    aead.destroy();

    assertTrue(aead.isDestroyed());
    assertNull(aead.key, "the SecretKeySpec is no longer referenced");
    assertThrows(IllegalStateException.class, () -> aead.seal(1, AD, PLAINTEXT));
    assertThrows(IllegalStateException.class, () -> aead.open(0, AD, sealed));
    // The cipher was left keyed (encrypt mode, nonce 0) with a throwaway key: nonce 0 is the nonce
    // of `sealed`, so the old key would give the same bytes again.
    aead.cipher.updateAAD(AD);
    byte[] now = aead.cipher.doFinal(PLAINTEXT);
    assertFalse(Arrays.equals(sealed, now), "the kept Cipher still holds the old key");
    aead.destroy(); // a second destroy is harmless
  }

  @ParameterizedTest
  @ValueSource(strings = {"25519", "448", "P256", "P521"})
  void aDestroyedKeyPairHoldsNoPrivateKey(String dh) throws Exception {
    DhKeyPair pair = JcaCryptoProvider.INSTANCE.dh(dh).generateKeyPair(new SecureRandom());
    DhKeyPair peer = JcaCryptoProvider.INSTANCE.dh(dh).generateKeyPair(new SecureRandom());
    pair.agree(peer.publicKey()); // keys the kept KeyAgreement
    assertTrue(holdsKeyMaterial(pair), "the test must see the key before destroy");

    pair.destroy();

    assertTrue(pair.isDestroyed());
    assertFalse(holdsKeyMaterial(pair), "a PrivateKey or KeyAgreement is still referenced");
    assertThrows(IllegalStateException.class, () -> pair.agree(peer.publicKey()));
  }

  private static boolean holdsKeyMaterial(Object pair) throws IllegalAccessException {
    for (Field f : pair.getClass().getDeclaredFields()) {
      f.setAccessible(true);
      Object v = f.get(pair);
      if (v instanceof PrivateKey || v instanceof KeyAgreement || v instanceof SecretBytes) {
        return true;
      }
    }
    return false;
  }
}
