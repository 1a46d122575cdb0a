package org.openstc.partition.host;

import org.openstc.partition.store.TestHost;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openstc.crypto.CryptoProviders;
import org.openstc.partition.server.ServerConfig;
import org.openstc.partition.store.HostStore;
import org.openstc.partition.store.PinHasher;

/** A host started while {@code openstc.insecure.argon2} is set says so on every start. */
class InsecureArgon2WarningTest {
  @TempDir Path home;

  @Test
  void everyStartWithTheKnobWarnsAndNoneWithout() throws Exception {
    String saved = System.getProperty(PinHasher.PROPERTY);
    try (HostStore store = TestHost.open(home, new PinHasher(64, 1))) {
      System.setProperty(PinHasher.PROPERTY, "64,1");
      for (int start = 1; start <= 2; start++) {
        String log = startAndStop(store);
        assertTrue(log.contains("INSECURE: -D" + PinHasher.PROPERTY + "=64,1"),
            "start " + start + " logged: " + log);
      }
      System.clearProperty(PinHasher.PROPERTY);
      assertFalse(startAndStop(store).contains("INSECURE"));
    } finally {
      if (saved == null) {
        System.clearProperty(PinHasher.PROPERTY);
      } else {
        System.setProperty(PinHasher.PROPERTY, saved);
      }
    }
  }

  /** What the host writes to standard error (slf4j-simple's target) while it starts. */
  private static String startAndStop(HostStore store) throws Exception {
    PrintStream err = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    PartitionHost host;
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      host = PartitionHost.start(store, ServerConfig.defaults("127.0.0.1", 0), CryptoProviders.jca());
    } finally {
      System.setErr(err);
    }
    host.close();
    String log = captured.toString(StandardCharsets.UTF_8);
    assertEquals(log.indexOf("INSECURE"), log.lastIndexOf("INSECURE"), "one warning per start");
    return log;
  }
}
