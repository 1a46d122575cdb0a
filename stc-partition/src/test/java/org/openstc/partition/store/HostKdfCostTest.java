package org.openstc.partition.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openstc.crypto.Argon2Cost;

/**
 * The Argon2 cost chosen at hsm init is kept in host.record and hashes every later password of
 * the host; a record from before the choice means the recommendation; a damaged one is refused.
 */
class HostKdfCostTest {
  private static final Argon2Cost CHOSEN = new Argon2Cost(96, 2, 1);

  @TempDir Path home;

  @Test
  void theCostChosenAtInitHashesEveryLaterPassword() throws Exception {
    Hsm.init(home, "kdf", HsmTest.pw(HsmTest.PW), new PinHasher(CHOSEN)).destroy();
    assertEquals(CHOSEN, Hsm.record(home).kdf());
    assertEquals(CHOSEN, Hsm.hasher(home).cost());
    try (HostStore store = HostStore.open(home)) {
      assertEquals(CHOSEN, store.hasher().cost(), "the store hashes PINs and accounts at it");
    }
    Hsm.changePassword(home, HsmTest.PW.toCharArray(), "so-password-2".toCharArray(), Hsm.hasher(home));
    String sealed = Files.readString(SealedMasterKey.file(home), StandardCharsets.UTF_8);
    assertTrue(sealed.contains("memoryKiB=96\n") && sealed.contains("iterations=2\n"), sealed);
    Hsm.unseal(home, HsmTest.pw("so-password-2")).destroy();
  }

  @Test
  void aRecordFromBeforeTheOptionMeansTheRecommendation() throws Exception {
    Hsm.init(home, "old", HsmTest.pw(HsmTest.PW), new PinHasher(CHOSEN)).destroy();
    rewriteRecord(line -> !line.startsWith("kdf"));
    assertEquals(Argon2Cost.RECOMMENDED, Hsm.record(home).kdf());
    Hsm.unseal(home, HsmTest.pw(HsmTest.PW)).destroy(); // the seal keeps its own stored cost
  }

  @Test
  void aDamagedCostIsRefusedNotGuessed() throws Exception {
    Hsm.init(home, "bad", HsmTest.pw(HsmTest.PW), new PinHasher(CHOSEN)).destroy();
    List<String> good = Files.readAllLines(home.resolve(HostRecord.FILE));
    for (String bad : List.of("kdfLanes=0", "kdfMemoryKiB=4", "kdfPasses=x", "kdfLanes=99")) {
      String name = bad.substring(0, bad.indexOf('='));
      Files.write(home.resolve(HostRecord.FILE), good.stream()
          .map(l -> l.startsWith(name + "=") ? bad : l).toList());
      StoreException e = assertThrows(StoreException.class, () -> Hsm.record(home), bad);
      assertTrue(e.getMessage().contains(HostRecord.FILE), e.getMessage());
    }
    Files.write(home.resolve(HostRecord.FILE), good.stream().filter(l -> !l.startsWith("kdfPasses")).toList());
    assertThrows(StoreException.class, () -> Hsm.record(home), "half a cost is damage");
  }

  private void rewriteRecord(java.util.function.Predicate<String> keep) throws Exception {
    Path f = home.resolve(HostRecord.FILE);
    Files.write(f, Files.readAllLines(f).stream().filter(keep).toList());
  }
}
