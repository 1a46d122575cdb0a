package org.openstc.cli.stcsh;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openstc.cli.CheapKdf;
import org.openstc.cli.common.ExitCode;

/**
 * A host home with partitions is never given a fresh store or master key: a missing or empty
 * store file or a missing master key is refused with one line and nothing changes (before, an
 * empty data.mdb listed "0 partitions" and a missing master.key was silently replaced).
 */
class DamagedHostHomeTest {
  private static final int STORE_ERROR = 15;
  @TempDir Path home;
  StcShHarness sh;
  Path data;
  Path key;

  @BeforeEach
  void aHostWithAPartition() {
    sh = StcShHarness.initialized(home);
    assertEquals(0, sh.run("partition", "create", "-partition", "par1", "-size", "100000"), sh.both());
    data = home.resolve("store/data.mdb");
    key = home.resolve("master.key");
    assertTrue(Files.isRegularFile(data) && Files.isRegularFile(key));
  }

  @Test
  void aMissingMasterKeyIsRefusedNotReplaced() throws Exception {
    Files.delete(key);
    byte[] store = Files.readAllBytes(data);
    for (String[] cmd : new String[][] {{"partition", "list"},
        {"partition", "create", "-partition", "par2", "-size", "1000"}, {"partition", "show", "-partition", "par1"}}) {
      assertRefused(cmd, "master key " + key + " is missing");
    }
    assertFalse(Files.exists(key), "no new master key");
    assertArrayEquals(store, Files.readAllBytes(data));
  }

  @Test
  void anEmptyStoreFileIsRefusedNotReplaced() throws Exception {
    Files.write(data, new byte[0]);
    byte[] masterKey = Files.readAllBytes(key);
    assertRefused(new String[] {"partition", "list"}, "is damaged: it is empty");
    assertRefused(new String[] {"partition", "create", "-partition", "par2", "-size", "1000"}, "empty");
    assertEquals(0, Files.size(data));
    assertArrayEquals(masterKey, Files.readAllBytes(key));
  }

  @Test
  void aMissingStoreFileIsRefused() throws Exception {
    Files.delete(data);
    assertRefused(new String[] {"partition", "list"}, "store file " + data + " is missing");
    assertFalse(Files.exists(data));
  }

  @Test
  void aTruncatedStoreFileIsRefused() throws Exception {
    byte[] whole = Files.readAllBytes(data);
    Files.write(data, Arrays.copyOf(whole, whole.length / 2));
    assertRefused(new String[] {"partition", "list"}, "is damaged: truncated");
    assertEquals(whole.length / 2, Files.size(data));
  }

  @Test
  void aKeyWithoutAStoreIsRefused() throws Exception {
    Path other = home.resolve("other");
    Files.createDirectories(other);
    Files.copy(key, other.resolve("master.key"));
    Files.copy(home.resolve("host.record"), other.resolve("host.record"));
    StcShHarness fresh = new StcShHarness(other);
    assertEquals(STORE_ERROR, fresh.run("partition", "list"), fresh.both());
    assertTrue(fresh.err.contains("is missing"), fresh.both());
    assertFalse(Files.exists(other.resolve("store")), "no store created");
  }

  @Test
  void anEmptyHomeIsRefusedUntilHsmInit() throws Exception {
    Path fresh = home.resolve("new");
    StcShHarness h = new StcShHarness(fresh);
    for (String[] cmd : new String[][] {{"partition", "list"}, {"partition", "create", "-partition", "p",
        "-size", "1000", "-password", StcShHarness.SO_PASSWORD}, {"service", "start", "-port", "0"}}) {
      assertEquals(ExitCode.NOT_INITIALIZED.code(), h.run(cmd), h.both());
      assertTrue(h.err.contains("hsm init"), h.both());
    }
    assertFalse(Files.exists(fresh), "nothing created");
    assertEquals(0, h.run(CheapKdf.with("hsm", "init", "-label", "fresh", "-password", StcShHarness.SO_PASSWORD)), h.both());
    assertEquals(0, h.run("partition", "list"), h.both());
    assertTrue(Files.exists(fresh.resolve("master.key")) && Files.exists(fresh.resolve("store/data.mdb")));
  }

  private void assertRefused(String[] cmd, String why) {
    assertEquals(STORE_ERROR, sh.run(cmd), sh.both());
    assertTrue(sh.err.contains(why) && sh.err.contains("nothing was changed")
        && sh.err.contains("restore the home from a backup"), sh.both());
    assertFalse(sh.out.contains("0 partitions") || sh.err.contains("Exception"), sh.both());
  }
}
