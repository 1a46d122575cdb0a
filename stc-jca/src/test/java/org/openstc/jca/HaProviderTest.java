package org.openstc.jca;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.ProviderException;
import java.security.Signature;
import javax.crypto.Cipher;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openstc.client.HaConfig;

/**
 * The provider on an HA group's virtual slot ({@code slot=} the group label or its slot number):
 * Signature and Cipher keep working, with no exception, when a member's host stops mid-use.
 */
class HaProviderTest {
  private static final byte[] DATA = {1, 2, 3, 4};
  @TempDir Path dir;

  private static byte[] sign(OpenStcProvider p, KeyPair kp) throws Exception {
    Signature s = Signature.getInstance("SHA256withECDSA", p);
    s.initSign(kp.getPrivate());
    s.update(DATA);
    return s.sign();
  }

  private static boolean verify(OpenStcProvider p, KeyPair kp, byte[] sig) throws Exception {
    Signature s = Signature.getInstance("SHA256withECDSA", p);
    s.initVerify(kp.getPublic());
    s.update(DATA);
    return s.verify(sig);
  }

  private static byte[] gcm(OpenStcProvider p, int mode, SecretKey key, byte[] iv, byte[] in) throws Exception {
    Cipher c = Cipher.getInstance("AES/GCM/NoPadding", p);
    c.init(mode, key, new GCMParameterSpec(128, iv));
    return c.doFinal(in);
  }

  @Test
  void signatureAndCipherOutliveAMember() throws Exception {
    try (TestPartition group = TestPartition.haGroup(dir, 2)) {
      OpenStcProvider p = new OpenStcProvider("home=" + group.clientHome + ";slot=" + TestPartition.HA_LABEL);
      KeyStore ks = KeyStore.getInstance("OpenSTC", p);
      ks.load(null, TestPartition.CO_PIN.toCharArray());
      KeyPair kp = KeyPairGenerator.getInstance("EC", p).generateKeyPair();
      KeyGenerator kg = KeyGenerator.getInstance("AES", p);
      kg.init(new StcKeyGenSpec("ha-aes"));
      SecretKey aes = kg.generateKey();
      byte[] iv = new byte[12];
      byte[] ct = gcm(p, Cipher.ENCRYPT_MODE, aes, iv, DATA);
      for (int i = 0; i < 4; i++) { // both members serve, round-robin
        assertTrue(verify(p, kp, sign(p, kp)));
        assertArrayEquals(DATA, gcm(p, Cipher.DECRYPT_MODE, aes, iv, ct));
      }
      group.stopHost(1);
      for (int i = 0; i < 6; i++) { // the member's loss costs latency, never an exception
        assertTrue(verify(p, kp, sign(p, kp)));
        assertArrayEquals(DATA, gcm(p, Cipher.DECRYPT_MODE, aes, iv, ct));
        byte[] fresh = {(byte) i, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11};
        assertArrayEquals(DATA, gcm(p, Cipher.DECRYPT_MODE, aes, fresh, gcm(p, Cipher.ENCRYPT_MODE, aes, fresh, DATA)));
      }
      assertEquals(2, ks.size());
      group.stopHost(0);
      assertThrows(java.security.SignatureException.class, () -> sign(p, kp), "every member down: an error");
      p.close();
    }
  }

  @Test
  void haOnlyRefusesAMembersSlotAndTheVirtualSlotNumberWorks() throws Exception {
    try (TestPartition group = TestPartition.haGroup(dir, 2)) {
      HaConfig.load(group.clientHome).haOnly(true);
      OpenStcProvider member = new OpenStcProvider(group.config(""));
      KeyStore refused = KeyStore.getInstance("OpenSTC", member);
      Exception e = assertThrows(Exception.class, () -> refused.load(null, TestPartition.CO_PIN.toCharArray()));
      assertTrue(String.valueOf(e.getMessage()).contains("HA-only"), e.getMessage());
      OpenStcProvider p = new OpenStcProvider("home=" + group.clientHome + ";slot=2");
      KeyStore ks = KeyStore.getInstance("OpenSTC", p);
      ks.load(null, TestPartition.CO_PIN.toCharArray());
      KeyPair kp = KeyPairGenerator.getInstance("EC", p).generateKeyPair();
      assertTrue(verify(p, kp, sign(p, kp)));
      p.close();
      member.close();
    }
  }
}
