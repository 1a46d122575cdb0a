package org.openstc.cli.stcsh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openstc.cli.CheapKdf;
import org.openstc.cli.common.ExitCode;
import org.openstc.identity.internal.OwnerOnlyFiles;
import org.openstc.partition.store.Hsm;

/** stcsh hsm init, show, login/logout, changePw, zeroize, lockout, in one process (the shell's view). */
class HsmCommandsTest {
  static final String PW = "so-password-1";
  @TempDir Path dir;

  private Path home() {
    return dir.resolve("host");
  }

  private StcShHarness sh() {
    return new StcShHarness(home());
  }

  @AfterEach
  void logout() {
    SoSession.logout(home());
  }

  static void ok(StcShHarness h, int status) {
    assertEquals(0, status, h.both());
  }

  @Test
  void initAsksTwiceThenTheSoMustLogInForPartitionKeys() throws Exception {
    StcShHarness h = sh();
    assertEquals(ExitCode.USAGE.code(), h.runWith(PW + "\nother-pw\n", "hsm", "init", "-label", "h1"), h.both());
    assertFalse(Hsm.isInitialized(home()));
    ok(h, h.runWith(PW + "\n" + PW + "\n", CheapKdf.with("hsm", "init", "-label", "h1")));
    assertTrue(h.out.contains("'hsm init' successful. HSM Label: h1, Serial #: "), h.both());
    ok(h, h.run("hsm", "show"));
    for (String line : new String[] {"HSM Label: h1", "Authentication Method: Password",
        "HSM Admin login status: Not Logged In", "HSM Admin login attempts left: 3 before HSM zeroization!",
        "There are no partitions.", "sealed (the service is stopped)", "Auto-activation: disabled"}) {
      assertTrue(h.out.contains(line), line + "\n" + h.both());
    }
    assertEquals(ExitCode.SO_LOGIN_REQUIRED.code(), h.run("partition", "create", "-partition", "p1", "-size", "1000"), h.both());
    assertTrue(h.err.contains("hsm login"), h.both());
    assertEquals(ExitCode.BAD_PASSWORD.code(),
        h.runWith("wrong-pw-1\n", "partition", "create", "-partition", "p1", "-size", "1000"), h.both());
    assertTrue(h.err.contains("LUNA_RET_UM_PIN_INCORRECT") && h.err.contains("attempts left: 2"), h.both());
    ok(h, h.run("hsm", "login", "-password", PW));
    ok(h, h.run("hsm", "show"));
    assertTrue(h.out.contains("HSM Admin login status: Logged In"), h.both());
    assertTrue(h.out.contains("attempts left: 3"), "a good login resets the count\n" + h.both());
    ok(h, h.run("partition", "create", "-partition", "p1", "-size", "1000"));
    ok(h, h.run("hsm", "show", "-json"));
    assertTrue(h.out.contains("\"name\": \"p1\"") || h.out.contains("\"name\":\"p1\""), h.both());
    ok(h, h.run("hsm", "logout"));
    assertEquals(ExitCode.SO_LOGIN_REQUIRED.code(), h.run("partition", "create", "-partition", "p2", "-size", "1000"), h.both());
    ok(h, h.run("partition", "list"));
    assertFalse(h.both().contains("Exception"), h.both());
  }

  @Test
  void reinitAsksToProceedThenZeroizes() throws Exception {
    StcShHarness h = StcShHarness.initialized(home());
    ok(h, h.run("partition", "create", "-partition", "p1", "-size", "1000"));
    long serial = Hsm.record(home()).serial();
    assertEquals(ExitCode.CANCELLED.code(), h.runWith("quit\n", "hsm", "init", "-label", "h2", "-password", PW), h.both());
    assertTrue(h.out.contains("re-initialize this HSM? All partitions and data will be erased"), h.both());
    ok(h, h.run("partition", "show", "-partition", "p1"));
    ok(h, h.runWith("proceed\n", CheapKdf.with("hsm", "init", "-label", "h2", "-password", PW)));
    assertNotEquals(serial, Hsm.record(home()).serial());
    assertEquals(ExitCode.SO_LOGIN_REQUIRED.code(), h.run("partition", "create", "-partition", "p2", "-size", "1000"),
        "re-init logged the SO out, no password on input\n" + h.both());
    ok(h, h.run("partition", "list", "-json"));
    assertEquals("[]", h.out.strip().replaceAll("\\s", ""));
  }

  @Test
  void threeWrongSoPasswordsZeroizeTheHost() {
    StcShHarness h = StcShHarness.initialized(home());
    ok(h, h.run("partition", "create", "-partition", "p1", "-size", "1000"));
    assertEquals(ExitCode.BAD_PASSWORD.code(), h.run("hsm", "login", "-password", "wrong-pw-1"), h.both());
    assertEquals(ExitCode.BAD_PASSWORD.code(), h.run("hsm", "login", "-password", "wrong-pw-2"), h.both());
    assertTrue(h.err.contains("LAST available HSM SO login attempt"), h.both());
    assertEquals(ExitCode.HSM_ZEROIZED.code(), h.run("hsm", "login", "-password", "wrong-pw-3"), h.both());
    assertTrue(h.err.contains("LUNA_RET_SO_LOGIN_FAILURE_THRESHOLD"), h.both());
    assertEquals(ExitCode.NOT_INITIALIZED.code(), h.run("partition", "list"), h.both());
    assertEquals(ExitCode.NOT_INITIALIZED.code(), h.run("hsm", "login", "-password", StcShHarness.SO_PASSWORD), h.both());
    ok(h, h.run("hsm", "show"));
    assertTrue(h.out.contains("HSM IS ZEROIZED"), h.both());
  }

  @Test
  void zeroizeAsksThenDestroysEverything() throws Exception {
    StcShHarness h = StcShHarness.initialized(home());
    ok(h, h.run("partition", "create", "-partition", "p1", "-size", "1000"));
    assertEquals(ExitCode.CANCELLED.code(), h.runWith("quit\n", "hsm", "zeroize"), h.both());
    ok(h, h.run("partition", "show", "-partition", "p1"));
    ok(h, h.runWith("proceed\n", "hsm", "zeroize"));
    assertFalse(Files.exists(home().resolve("master.key")) || Files.exists(home().resolve("store")));
    assertEquals(ExitCode.NOT_INITIALIZED.code(), h.run("partition", "list"), h.both());
  }

  @Test
  void changePwNeedsTheOldPassword() throws Exception {
    StcShHarness h = StcShHarness.initialized(home());
    assertEquals(ExitCode.BAD_PASSWORD.code(), h.run("hsm", "changePw", "-oldpw", "not-the-old", "-newpw", "new-password"), h.both());
    assertEquals(ExitCode.USAGE.code(), h.run("hsm", "changePw", "-oldpw", StcShHarness.SO_PASSWORD, "-newpw", "short"), h.both());
    ok(h, h.run("hsm", "changePw", "-oldpw", StcShHarness.SO_PASSWORD, "-newpw", "new-password"));
    assertEquals(ExitCode.BAD_PASSWORD.code(), h.run("hsm", "login", "-password", StcShHarness.SO_PASSWORD), h.both());
    ok(h, h.run("hsm", "login", "-password", "new-password"));
  }

  @Test
  void mOfNSharesFromFiles() throws Exception {
    Path shares = dir.resolve("shares");
    Path pws = dir.resolve("holders");
    OwnerOnlyFiles.write(pws, "holder-one\nholder-two\nholder-three\n".getBytes());
    StcShHarness h = sh();
    assertEquals(ExitCode.USAGE.code(), h.run("hsm", "init", "-label", "m", "-mofn", "3/2", "-sharedir", shares.toString()), h.both());
    assertEquals(ExitCode.USAGE.code(), h.run("hsm", "init", "-label", "m", "-mofn", "2/3"), h.both());
    ok(h, h.run(CheapKdf.with("hsm", "init", "-label", "m", "-mofn", "2/3", "-sharedir", shares.toString(),
        "-sharepasswords", pws.toString())));
    long serial = Hsm.record(home()).serial();
    Path s1 = shares.resolve("hsm-" + serial + "-share-1of3.key");
    Path s3 = shares.resolve("hsm-" + serial + "-share-3of3.key");
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(s1)));
    Path two = dir.resolve("two");
    OwnerOnlyFiles.write(two, "holder-one\nholder-three\n".getBytes());
    assertEquals(ExitCode.USAGE.code(), h.run("hsm", "login", "-shares", s1.toString(), "-sharepasswords", two.toString()), h.both());
    assertEquals(ExitCode.USAGE.code(), h.run("hsm", "login", "-password", "holder-one"), h.both());
    ok(h, h.run("hsm", "show"));
    assertTrue(h.out.contains("M of N shares (2/3)"), h.both());
    ok(h, h.run("hsm", "login", "-shares", s1 + "," + s3, "-sharepasswords", two.toString()));
    ok(h, h.run("partition", "create", "-partition", "p1", "-size", "1000"));
  }
}
