package org.openstc.partition.host;

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
import org.openstc.partition.store.TestHost;

/**
 * A host whose Argon2 cost is below RFC 9106's recommendation (hsm init -kdf-*) says so on every
 * start; one at the recommended cost says nothing.
 */
class WeakKdfCostWarningTest {
  private static final String WARNING = "WARNING: Argon2id cost 64 KiB, 1 pass, 1 lane is below"
      + " RFC 9106's recommendation (64 MiB, 3 passes, 4 lanes)";

  @TempDir Path home;

  @Test
  void everyStartOfACheapHostWarnsAndNoneAtTheRecommendedCost() throws Exception {
    try (HostStore store = TestHost.open(home, new PinHasher(64, 1))) {
      for (int start = 1; start <= 2; start++) {
        String log = startAndStop(store);
        assertTrue(log.contains(WARNING), "start " + start + " logged: " + log);
      }
    }
    try (HostStore store = TestHost.open(home, PinHasher.recommended())) {
      assertFalse(startAndStop(store).contains("Argon2id cost"));
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
    assertEquals(log.indexOf("Argon2id cost"), log.lastIndexOf("Argon2id cost"), "one warning per start");
    return log;
  }
}
