package org.openstc.cli.stccm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openstc.cli.CheapKdf;
import org.openstc.cli.common.TokenPassphrase;
import org.openstc.token.Token;
import org.openstc.token.TokenHome;

/** A passphrase-protected token used from scripts: -passphrase-file, the environment, a piped shell. */
class PassphraseSourcesTest {
  private static final String PASS = "correct horse 1";

  @TempDir Path home;
  @TempDir Path files;

  @BeforeEach
  void protectedToken() throws Exception {
    StcCmHarness cm = new StcCmHarness(home);
    assertEquals(0, cm.run(CheapKdf.with("stc", "tokeninit", "-label", "tok", "-passphrase-file",
        secretFile("init", PASS + "\n", "rw-------").toString())), cm.both());
    assertTrue(cm.out.contains("derived from the token password"), cm.both());
  }

  private Path secretFile(String name, String content, String perms) throws Exception {
    Path f = files.resolve(name);
    Files.writeString(f, content, StandardCharsets.UTF_8);
    Files.setPosixFilePermissions(f, PosixFilePermissions.fromString(perms));
    return f;
  }

  private long failedUnlocks() throws Exception {
    try (Token t = TokenHome.of(home).open()) {
      return t.info().failedUnlocks();
    }
  }

  private boolean hasIdentity() throws Exception {
    try (Token t = TokenHome.of(home).open()) {
      return t.clientIdentity().isPresent();
    }
  }

  @Test
  void passphraseFileOptionUnlocksFirstLineOnlyAndWarnsWhenShared() throws Exception {
    Path f = secretFile("pass", PASS + "\r\nnot the passphrase\n", "rw-r--r--");
    StcCmHarness cm = new StcCmHarness(home);
    assertEquals(0, cm.run("stc", "identitycreate", "-label", "c1", "-passphrase-file", f.toString()),
        cm.both());
    assertTrue(cm.err.contains("Warning: the passphrase file " + f + " is readable by group or others"),
        cm.both());
    assertFalse(cm.both().contains(PASS), cm.both());
    assertEquals(0, failedUnlocks());
  }

  @Test
  void environmentNamesTheFileNeverHoldsTheSecret() throws Exception {
    Path f = secretFile("pass", PASS, "rw-------");
    StcCmHarness cm = new StcCmHarness(home, Map.of(TokenPassphrase.ENV, f.toString()));
    assertEquals(0, cm.run("stc", "identitycreate", "-label", "c1"), cm.both());
    assertTrue(cm.err.isEmpty(), cm.both());
    StcCmHarness wrong = new StcCmHarness(home, Map.of(TokenPassphrase.ENV, PASS));
    assertEquals(16, wrong.run("stc", "identitydelete", "-force"), wrong.both());
    assertTrue(wrong.err.contains("no passphrase file"), wrong.both());
    assertTrue(hasIdentity());
  }

  @Test
  void wrongOversizedOrEmptyFilesAreRefused() throws Exception {
    StcCmHarness cm = new StcCmHarness(home);
    Path wrong = secretFile("wrong", "not it\n", "rw-------");
    assertEquals(11, cm.run("stc", "idc", "-label", "c1", "-passphrase-file", wrong.toString()), cm.both());
    assertEquals(1, failedUnlocks());
    Path big = secretFile("big", PASS + "\n" + "x".repeat(TokenPassphrase.MAX_FILE_BYTES), "rw-------");
    assertEquals(2, cm.run("stc", "idc", "-label", "c1", "-passphrase-file", big.toString()), cm.both());
    assertTrue(cm.err.contains("larger than " + TokenPassphrase.MAX_FILE_BYTES + " bytes"), cm.both());
    Path empty = secretFile("empty", "\n" + PASS, "rw-------");
    assertEquals(2, cm.run("stc", "idc", "-label", "c1", "-passphrase-file", empty.toString()), cm.both());
    assertEquals(1, failedUnlocks());
    assertFalse(hasIdentity());
  }

  @Test
  void pipedShellNeverReadsTheNextLineAsThePassword() throws Exception {
    StcCmHarness cm = new StcCmHarness(home);
    assertEquals(0, cm.runWith("stc identitycreate -label c1\n" + PASS + "\nstc tokenlist\n"), cm.both());
    assertTrue(cm.err.contains("no terminal to ask for a password"), cm.both());
    assertTrue(cm.out.contains("stccm:> " + PASS), cm.both());
    assertTrue(cm.err.contains("Unmatched argument") || cm.err.contains("Unknown"), cm.both());
    assertTrue(cm.out.contains("Failed Unlocks :       0"), cm.both());
    assertEquals(0, failedUnlocks());
    assertFalse(hasIdentity());
  }

  @Test
  void pipedShellUsesTheEnvironmentsFile() throws Exception {
    Path f = secretFile("pass", PASS + "\n", "rw-------");
    StcCmHarness cm = new StcCmHarness(home, Map.of(TokenPassphrase.ENV, f.toString()));
    assertEquals(0, cm.runWith("stc identitycreate -label c1\nstc identityshow\n"), cm.both());
    assertTrue(cm.out.contains("Successfully created client identity c1"), cm.both());
    assertTrue(hasIdentity());
  }
}
