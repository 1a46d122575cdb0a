package org.openstc.cli.stccm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A token directory with a missing, empty or truncated store file, or a missing key file, is
 * refused with one line, not re-created (before, tokeninit made a new token over a token directory
 * without data.mdb and an empty data.mdb was turned into an empty store); tokendelete still removes
 * it on request.
 */
class DamagedTokenTest {
  private static final int STORE_ERROR = 15;
  @TempDir Path home;
  StcCmHarness cm;
  Path data;
  Path kek;

  @BeforeEach
  void aTokenWithAnIdentity() {
    cm = new StcCmHarness(home);
    assertEquals(0, cm.run("stc", "tokeninit", "-label", "tok"), cm.both());
    assertEquals(0, cm.run("stc", "identitycreate", "-label", "me"), cm.both());
    data = home.resolve("token/data.mdb");
    kek = home.resolve("token/kek");
  }

  @Test
  void aMissingKeyFileIsRefusedNotReplaced() throws Exception {
    Files.delete(kek);
    assertRefused("key file " + kek + " is missing", "stc", "tokenlist");
    assertRefused("key file " + kek + " is missing", "stc", "identityshow");
    assertEquals(5, cm.run("stc", "tokeninit", "-label", "tok2"), cm.both());
    assertFalse(Files.exists(kek), "no new key file");
  }

  @Test
  void aMissingStoreFileIsRefusedNotReCreated() throws Exception {
    Files.delete(data);
    assertRefused("store file " + data + " is missing", "stc", "tokenlist");
    assertRefused("store file " + data + " is missing", "stc", "tokeninit", "-label", "tok2");
    assertFalse(Files.exists(data), "no new store");
    assertTrue(Files.exists(kek), "the key file is kept");
    assertEquals(0, cm.runWith("proceed\n", "stc", "tokendelete"), cm.both());
    assertTrue(cm.out.contains("(damaged: "), cm.both());
    assertEquals(0, cm.run("stc", "tokeninit", "-label", "tok2"), cm.both());
  }

  @Test
  void anEmptyOrTruncatedStoreFileIsRefused() throws Exception {
    byte[] whole = Files.readAllBytes(data);
    for (int size : new int[] {0, 4096, whole.length / 2}) {
      Files.write(data, Arrays.copyOf(whole, size));
      assertRefused(size == 0 ? "it is empty" : "truncated", "stc", "tokenlist");
      assertRefused("is damaged", "stc", "tokeninit", "-label", "tok2");
      assertEquals(size, Files.size(data), "untouched");
    }
  }

  private void assertRefused(String why, String... cmd) {
    assertEquals(STORE_ERROR, cm.run(cmd), cm.both());
    assertTrue(cm.out.contains(why) || cm.err.contains(why), cm.both());
    assertTrue(cm.both().contains("nothing was changed") && cm.both().contains("stc tokendelete"), cm.both());
    assertFalse(cm.both().contains("Exception"), cm.both());
  }
}
