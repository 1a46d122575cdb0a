package org.openstc.cli.stccm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openstc.cli.CheapKdf;
import org.openstc.cli.common.ExitCode;

/** stc tokeninit -kdf-*: the token password's Argon2id cost, a visible choice with its warning. */
class TokenInitKdfCostTest {
  @TempDir Path home;

  @Test
  void aCheapTokenWarnsOnceAndNamesItsCost() {
    StcCmHarness cm = new StcCmHarness(home);
    assertEquals(0, cm.run(CheapKdf.with("stc", "tokeninit", "-label", "t", "-password", "tok-pass-1")),
        cm.both());
    assertTrue(cm.err.contains("WARNING: Argon2id cost 64 KiB, 1 pass, 1 lane is below RFC 9106's"
        + " recommendation (64 MiB, 3 passes, 4 lanes)"), cm.both());
    assertEquals(1, cm.err.lines().filter(l -> l.contains("Argon2id")).count(), cm.both());
    assertTrue(cm.out.contains("(Argon2id, 64 KiB, 1 pass, 1 lane)"), cm.both());
  }

  @Test
  void theDefaultIsRfc9106AndSaysNothing() {
    StcCmHarness cm = new StcCmHarness(home);
    assertEquals(0, cm.run("stc", "tokeninit", "-label", "t", "-password", "tok-pass-1"), cm.both());
    assertFalse(cm.err.contains("WARNING"), cm.both());
    assertTrue(cm.out.contains("(Argon2id, 64 MiB, 3 passes, 4 lanes)"), cm.both());
  }

  @Test
  void aBadCostOrACostWithoutAPasswordIsAUsageErrorAndMakesNoToken() {
    StcCmHarness cm = new StcCmHarness(home);
    assertEquals(ExitCode.USAGE.code(), cm.run("stc", "tokeninit", "-label", "t", "-password", "p1",
        "-kdf-lanes", "0"), cm.both());
    assertTrue(cm.err.contains("lanes must be 1..16"), cm.both());
    assertEquals(ExitCode.USAGE.code(), cm.run(CheapKdf.with("stc", "tokeninit", "-label", "t")),
        cm.both());
    assertTrue(cm.err.contains("give -password or -passphrase-file"), cm.both());
    assertFalse(cm.err.contains("Exception"), cm.both());
    assertFalse(Files.exists(home.resolve("token")), "no token was made");
  }
}
