package org.openstc.partition.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openstc.command.CkResult;
import org.openstc.stc.KeyType;

/** hsm init -mofn 2/3: any 2 shares with their passwords unseal; everything else is refused. */
class KekSharesTest {
  @TempDir
  Path dir;
  Path home;
  List<Path> shares;
  long serial;

  static List<char[]> passwords(String... p) {
    List<char[]> out = new ArrayList<>();
    for (String s : p) {
      out.add(s.toCharArray());
    }
    return out;
  }

  static List<Path> init(Path home, Path shareDir) throws Exception {
    Hsm.init(home, "mofn", SoSecret.newShares(2, shareDir, passwords("holder-1", "holder-2", "holder-3")),
        HsmTest.CHEAP).destroy();
    List<Path> files = new ArrayList<>();
    for (int i = 1; i <= 3; i++) {
      files.add(SoSecret.shareFile(shareDir, Hsm.record(home).serial(), i, 3));
    }
    return files;
  }

  @BeforeEach
  void setUp() throws Exception {
    home = dir.resolve("host");
    shares = init(home, dir.resolve("shares"));
    try (HostStore store = HostStore.open(home, HsmTest.CHEAP, true,
        SoSecret.shares(List.of(shares.get(0), shares.get(1)), passwords("holder-1", "holder-2")))) {
      serial = store.partitions().create("p1", 1000, KeyType.X25519).serial();
    }
  }

  private StoreException unseal(List<Path> files, String... pws) {
    return assertThrows(StoreException.class, () -> Hsm.unseal(home, SoSecret.shares(files, passwords(pws))));
  }

  @Test
  void anyTwoSharesUnseal() throws Exception {
    for (int[] pair : new int[][] {{0, 2}, {2, 1}}) {
      try (HostStore store = HostStore.open(home, HsmTest.CHEAP, true, SoSecret.shares(
          List.of(shares.get(pair[0]), shares.get(pair[1])),
          passwords("holder-" + (pair[0] + 1), "holder-" + (pair[1] + 1))))) {
        store.identityKey(serial).destroy();
      }
    }
    Hsm.unseal(home, SoSecret.shares(shares, passwords("holder-1", "holder-2", "holder-3"))).destroy();
  }

  @Test
  void fewerThanMOrARepeatedShareOrThePasswordAreRefusedUncounted() throws Exception {
    assertEquals(CkResult.CKR_ARGUMENTS_BAD, unseal(List.of(shares.get(0)), "holder-1").result());
    assertEquals(CkResult.CKR_ARGUMENTS_BAD, unseal(List.of(shares.get(0), shares.get(0)), "holder-1", "holder-1").result());
    assertEquals(CkResult.CKR_ARGUMENTS_BAD,
        assertThrows(StoreException.class, () -> Hsm.unseal(home, HsmTest.pw("holder-1"))).result());
    assertEquals(0, Hsm.record(home).failedLogins());
  }

  @Test
  void aWrongHolderPasswordCountsAsAFailedSoLogin() {
    StoreException e = unseal(List.of(shares.get(0), shares.get(1)), "holder-1", "holder-x");
    assertEquals(CkResult.CKR_PIN_INCORRECT, e.result());
    assertTrue(e.getMessage().contains(shares.get(1).toString()), e.getMessage());
    assertEquals(1, Assertions.failed(home));
  }

  @Test
  void truncatedAlteredOrForeignSharesAreRefused() throws Exception {
    Path cut = dir.resolve("cut");
    byte[] all = Files.readAllBytes(shares.get(1));
    Files.write(cut, java.util.Arrays.copyOf(all, all.length / 2));
    assertEquals(CkResult.CKR_DEVICE_ERROR, unseal(List.of(shares.get(0), cut), "holder-1", "holder-2").result());

    Path renumbered = dir.resolve("renumbered");
    Files.writeString(renumbered, Files.readString(shares.get(1)).replace("index=2", "index=3"));
    assertEquals(CkResult.CKR_PIN_INCORRECT,
        unseal(List.of(shares.get(0), renumbered), "holder-1", "holder-2").result(), "AD binds the index");

    Path other = dir.resolve("other");
    List<Path> foreign = init(other, dir.resolve("otherShares"));
    StoreException e = unseal(List.of(shares.get(0), foreign.get(1)), "holder-1", "holder-2");
    assertTrue(e.getMessage().contains("another host"), e.getMessage());

    Path garbage = dir.resolve("garbage");
    Files.write(garbage, "not a share".getBytes(StandardCharsets.UTF_8));
    assertEquals(CkResult.CKR_DEVICE_ERROR, unseal(List.of(shares.get(0), garbage), "holder-1", "holder-2").result());
  }

  @Test
  void sharesOfAnEarlierInitialisationAreWorthless() throws Exception {
    Path old = dir.resolve("old");
    Files.createDirectories(old);
    for (Path s : shares) {
      Files.copy(s, old.resolve(s.getFileName()), StandardCopyOption.REPLACE_EXISTING);
    }
    Hsm.zeroize(home);
    init(home, dir.resolve("shares2"));
    StoreException e = unseal(List.of(old.resolve(shares.get(0).getFileName()), old.resolve(shares.get(1).getFileName())),
        "holder-1", "holder-2");
    assertTrue(e.getMessage().contains("earlier initialisation"), e.getMessage());
  }

  static final class Assertions {
    static int failed(Path home) {
      try {
        return Hsm.record(home).failedLogins();
      } catch (StoreException e) {
        throw new AssertionError(e);
      }
    }
  }
}
