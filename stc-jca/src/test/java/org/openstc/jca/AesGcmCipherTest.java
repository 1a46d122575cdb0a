package org.openstc.jca;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.security.InvalidAlgorithmParameterException;
import java.security.InvalidKeyException;
import java.security.InvalidParameterException;
import java.security.KeyStore;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** KeyGenerator AES and Cipher AES/GCM/NoPadding against a real partition, checked with the JDK's GCM. */
class AesGcmCipherTest extends LiveProviderTest {
  static SecretKey key;

  @BeforeAll
  static void start() throws Exception {
    KeyGenerator g = KeyGenerator.getInstance("AES", provider);
    g.init(new StcKeyGenSpec("aes-key"));
    key = g.generateKey();
  }

  private static Cipher cipher() throws Exception {
    return Cipher.getInstance("AES/GCM/NoPadding", provider);
  }

  @Test
  void multiUpdateWithAadRoundTripsAndGeneratesTheIv() throws Exception {
    assertNull(key.getEncoded());
    Cipher enc = cipher();
    enc.init(Cipher.ENCRYPT_MODE, key);
    byte[] iv = enc.getIV();
    assertEquals(12, iv.length);
    enc.updateAAD(new byte[] {1, 2});
    byte[] part = enc.update(new byte[1000]);
    assertEquals(0, part.length);
    byte[] ct = enc.doFinal(new byte[24]);
    assertEquals(1024 + 16, ct.length);
    Cipher dec = cipher();
    dec.init(Cipher.DECRYPT_MODE, key, enc.getParameters());
    dec.updateAAD(new byte[] {1, 2});
    dec.update(ct, 0, 500);
    assertArrayEquals(new byte[1024], dec.doFinal(ct, 500, ct.length - 500));
    ct[3] ^= 1;
    dec.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, iv));
    dec.updateAAD(new byte[] {1, 2});
    assertThrows(AEADBadTagException.class, () -> dec.doFinal(ct));
  }

  @Test
  void anImportedKeyMatchesTheJdk() throws Exception {
    byte[] raw = new byte[32];
    Arrays.fill(raw, (byte) 3);
    ks.setKeyEntry("imported", new SecretKeySpec(raw, "AES"), null, null);
    SecretKey stored = (SecretKey) ks.getKey("imported", null);
    GCMParameterSpec spec = new GCMParameterSpec(96, new byte[] {9, 8, 7});
    Cipher ours = cipher();
    ours.init(Cipher.ENCRYPT_MODE, stored, spec);
    Cipher jdk = Cipher.getInstance("AES/GCM/NoPadding", "SunJCE");
    jdk.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(raw, "AES"), spec);
    assertArrayEquals(jdk.doFinal("hello".getBytes()), ours.doFinal("hello".getBytes()));
  }

  @Test
  void ivReuseAndMisuseAreRefusedAsTheJdkDoes() throws Exception {
    Cipher c = cipher();
    GCMParameterSpec spec = new GCMParameterSpec(128, new byte[12]);
    c.init(Cipher.ENCRYPT_MODE, key, spec);
    c.doFinal(new byte[1]);
    assertThrows(IllegalStateException.class, () -> c.doFinal(new byte[1]));
    assertThrows(InvalidAlgorithmParameterException.class, () -> c.init(Cipher.ENCRYPT_MODE, key, spec));
    assertThrows(InvalidKeyException.class, () -> cipher().init(Cipher.DECRYPT_MODE, key));
    assertThrows(InvalidAlgorithmParameterException.class,
        () -> cipher().init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(64, new byte[12])));
    assertThrows(InvalidAlgorithmParameterException.class,
        () -> cipher().init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, new byte[129])));
    Cipher big = cipher();
    big.init(Cipher.ENCRYPT_MODE, key);
    big.update(new byte[65536]);
    assertThrows(IllegalStateException.class, () -> big.update(new byte[1]));
    Cipher late = cipher();
    late.init(Cipher.ENCRYPT_MODE, key);
    late.update(new byte[1]);
    assertThrows(IllegalStateException.class, () -> late.updateAAD(new byte[1]));
  }

  @Test
  void otherKeysAndSizesAreRefused() throws Exception {
    assertThrows(InvalidKeyException.class, () -> cipher().init(Cipher.ENCRYPT_MODE, new SecretKeySpec(new byte[32], "AES")));
    assertThrows(InvalidParameterException.class, () -> KeyGenerator.getInstance("AES", provider).init(128));
    KeyGenerator auto = KeyGenerator.getInstance("AES", provider);
    SecretKey k = auto.generateKey();
    assertTrue(((StcKey) k).label().startsWith("key-"));
    assertTrue(ks.isKeyEntry(((StcKey) k).label()));
  }

  @Test
  void cryptoUserMayUseButNotGenerate() throws Exception {
    try (OpenStcProvider cu = new OpenStcProvider(partition.config("role=cu"))) {
      KeyStore userStore = KeyStore.getInstance("OpenSTC", cu);
      userStore.load(null, TestPartition.CU_PIN.toCharArray());
      SecretKey k = (SecretKey) userStore.getKey("aes-key", null);
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding", cu);
      c.init(Cipher.ENCRYPT_MODE, k);
      assertEquals(17, c.doFinal(new byte[1]).length);
      var e = assertThrows(java.security.ProviderException.class, () -> KeyGenerator.getInstance("AES", cu).generateKey());
      assertTrue(e.getMessage().contains("CKR_USER_NOT_LOGGED_IN"), e.getMessage());
    }
  }
}
