package org.openstc.token;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openstc.crypto.CryptoProviders;
import org.openstc.stc.InMemoryStaticKey;
import org.openstc.stc.StaticKeyAgreement;

/**
 * Crash safety and concurrent use across processes: a child JVM churning on the token is killed
 * with SIGKILL at random points; the token must always open in a consistent committed state.
 */
class TokenCrashTest {
  @TempDir Path dir;

  @Test
  void survivesSigkillAtRandomPoints() throws Exception {
    Path home = dir.resolve("home");
    TokenHome.of(home).init("tok", null);
    long seed = new Random().nextLong();
    Random random = new Random(seed);
    for (int round = 0; round < 6; round++) {
      Process child = ChildJvm.start(null, TokenChurn.class, "churn", home.toString(),
          Long.toString(random.nextLong()));
      awaitReady(child, seed);
      Thread.sleep(20 + random.nextInt(400));
      child.destroyForcibly().waitFor();
      assertConsistent(home, "seed " + seed + " round " + round);
    }
  }

  @Test
  void twoProcessesWritingAtOnceBothSucceed() throws Exception {
    Path home = dir.resolve("shared");
    TokenHome.of(home).init("tok", null);
    try (Token t = Token.open(home)) {
      t.createIdentity("me", org.openstc.stc.KeyType.X25519, null);
    }
    Process a = ChildJvm.start(dir.resolve("a.log"), TokenChurn.class, "work", home.toString(), "100", "20");
    Process b = ChildJvm.start(dir.resolve("b.log"), TokenChurn.class, "work", home.toString(), "200", "20");
    assertEquals(0, a.waitFor(), Files.readString(dir.resolve("a.log")));
    assertEquals(0, b.waitFor(), Files.readString(dir.resolve("b.log")));
    try (Token t = Token.open(home)) {
      assertEquals(20, t.partitions().size());
      assertTrue(t.partitions().stream().allMatch(p -> p.serial() % 2 == 0));
    }
  }

  @Test
  void twoConcurrentInitsGiveOneTokenAndAClearRefusal() throws Exception {
    Path home = dir.resolve("race");
    Process a = ChildJvm.start(dir.resolve("ia.log"), TokenChurn.class, "init", home.toString());
    Process b = ChildJvm.start(dir.resolve("ib.log"), TokenChurn.class, "init", home.toString());
    int ea = a.waitFor();
    int eb = b.waitFor();
    Set<Integer> refusals = Set.of(10 + TokenException.Reason.BUSY.ordinal(),
        10 + TokenException.Reason.ALREADY_INITIALIZED.ordinal());
    String logs = Files.readString(dir.resolve("ia.log")) + Files.readString(dir.resolve("ib.log"));
    assertTrue((ea == 0 && refusals.contains(eb)) || (eb == 0 && refusals.contains(ea)),
        ea + " " + eb + " " + logs);
    try (Token t = Token.open(home)) {
      assertEquals("tok", t.info().label());
    }
  }

  private static void awaitReady(Process child, long seed) throws Exception {
    BufferedReader r = new BufferedReader(
        new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
    String line = r.readLine();
    assertEquals("ready", line, "child failed (seed " + seed + ")");
  }

  /** The state any sequence of committed transactions can leave, checked in full. */
  static void assertConsistent(Path home, String context) throws Exception {
    try (Token t = Token.open(home)) {
      List<RegisteredPartition> parts = t.partitions();
      if (t.clientIdentity().isEmpty()) {
        assertTrue(parts.isEmpty(), context + ": partitions without an identity");
        return;
      }
      StaticKeyAgreement key = t.identity(null);
      InMemoryStaticKey peer = InMemoryStaticKey.generate(key.keyType(), CryptoProviders.jca());
      assertArrayEquals(peer.agree(key.publicKey()), key.agree(peer.publicKey()), context);
      for (RegisteredPartition p : parts) {
        assertEquals(key.keyType(), p.keyType(), context);
        assertTrue(p.serial() >= 1 && p.serial() <= 3, context);
      }
    }
  }
}
