package org.openstc.jca;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.Signature;
import java.security.SignatureException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The partition goes away mid-use: clear exceptions, nothing hangs, no reader thread is left. */
class LostPartitionTest {
  @TempDir Path dir;

  private static byte[] sign(OpenStcProvider p, KeyPair kp) throws Exception {
    Signature s = Signature.getInstance("SHA256withECDSA", p);
    s.initSign(kp.getPrivate());
    s.update(new byte[1]);
    return s.sign();
  }

  private static java.util.List<Thread> readers() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().startsWith("stc-reader-") && t.isAlive()).toList();
  }

  @Test
  void aStoppedHostFailsEveryLaterCallAndLeavesNoThread() throws Exception {
    try (TestPartition partition = TestPartition.start(dir)) {
      OpenStcProvider p = new OpenStcProvider(partition.config(""));
      KeyStore ks = KeyStore.getInstance("OpenSTC", p);
      ks.load(null, TestPartition.CO_PIN.toCharArray());
      KeyPair kp = KeyPairGenerator.getInstance("EC", p).generateKeyPair();
      sign(p, kp);
      partition.stopHost();
      SignatureException first = assertThrows(SignatureException.class, () -> sign(p, kp));
      SignatureException later = assertThrows(SignatureException.class, () -> sign(p, kp));
      assertTrue(later.getMessage().contains("lost") || later.getMessage().contains("closed"),
          first.getMessage() + " / " + later.getMessage());
      assertThrows(java.security.ProviderException.class, ks::size);
      p.close();
      for (Thread t : readers()) {
        t.join(10_000);
      }
      assertTrue(readers().isEmpty(), "a stc-reader thread is still running after close: " + readers());
    }
  }
}
