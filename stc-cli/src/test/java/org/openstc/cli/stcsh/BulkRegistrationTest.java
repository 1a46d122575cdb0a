package org.openstc.cli.stcsh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openstc.cli.common.ExitCode;
import org.openstc.crypto.CryptoProviders;
import org.openstc.identity.IdentityFile;
import org.openstc.stc.InMemoryStaticKey;
import org.openstc.stc.KeyType;

/**
 * {@code stcsh client register -partition P -dir DIR}: each {@code .stcid} file registered or
 * reported, a summary line, a non-zero exit when any failed; on a pipe (this in-process run has no
 * console) the output is exactly those lines, with no progress line on stdout or stderr.
 */
class BulkRegistrationTest {
  @TempDir Path home;
  @TempDir Path dir;
  StcShHarness h;

  @BeforeEach
  void hostWithPartition() {
    h = StcShHarness.initialized(home);
    assertEquals(0, h.run("partition", "create", "-partition", "p1", "-size", "100000"), h::both);
  }

  private void clientFile(String label) throws Exception {
    InMemoryStaticKey key = InMemoryStaticKey.generate(KeyType.X25519, CryptoProviders.jca());
    IdentityFile.client(label, key.identity()).write(dir.resolve(label + ".stcid"));
  }

  @Test
  void registersEveryFileAndSaysSoExactlyOnAPipe() throws Exception {
    clientFile("alpha");
    clientFile("beta");
    Files.writeString(dir.resolve("notes.txt"), "not an identity");
    assertEquals(0, h.run("client", "register", "-partition", "p1", "-dir", dir.toString()), h::both);
    assertEquals("Client identity alpha (alpha.stcid) successfully registered on partition p1.\n"
        + "Client identity beta (beta.stcid) successfully registered on partition p1.\n"
        + "2 of 2 client identity file(s) in " + dir + " registered on partition p1.\n"
        + "Command Result : 0 (Success)\n", h.out.replace(System.lineSeparator(), "\n"));
    assertEquals("", h.err);
    assertEquals(0, h.run("client", "list", "-partition", "p1"), h::both);
    assertTrue(h.out.contains("2 client(s) registered on partition p1."), h::both);
  }

  @Test
  void aBadFileIsReportedTheOthersAreRegisteredAndTheExitCodeSaysSo() throws Exception {
    clientFile("alpha");
    Files.writeString(dir.resolve("broken.stcid"), "garbage");
    clientFile("gamma");
    assertEquals(ExitCode.INVALID_FILE.code(),
        h.run("client", "register", "-partition", "p1", "-dir", dir.toString()), h::both);
    assertTrue(h.out.contains("Client identity alpha (alpha.stcid) successfully registered"), h::both);
    assertTrue(h.out.contains("Client identity file broken.stcid not registered: "), h::both);
    assertTrue(h.out.contains("Client identity gamma (gamma.stcid) successfully registered"), h::both);
    assertTrue(h.out.contains("2 of 3 client identity file(s) in " + dir), h::both);
    assertTrue(h.err.startsWith("Error: 1 file(s) not registered (see above)"), h::both);
    assertFalse(h.err.contains("\r") || h.out.contains("\r") || h.err.contains("\tat "), h::both);
    // Again: every file is now a duplicate, and each is reported, not stopped at the first.
    assertEquals(ExitCode.ALREADY_EXISTS.code(),
        h.run("client", "register", "-partition", "p1", "-dir", dir.toString()), h::both);
    assertTrue(h.out.contains("0 of 3 client identity file(s)"), h::both);
  }

  @Test
  void aMissingOrEmptyDirectoryAndBothSourcesAreRefusedClearly() throws Exception {
    assertEquals(ExitCode.NOT_FOUND.code(), h.run("client", "register", "-partition", "p1", "-dir",
        dir.toString()), h::both);
    assertTrue(h.err.startsWith("Error: no .stcid files in "), h::both);
    assertEquals(ExitCode.NOT_FOUND.code(), h.run("client", "register", "-partition", "p1", "-dir",
        dir.resolve("nope").toString()), h::both);
    assertTrue(h.err.startsWith("Error: no such directory: "), h::both);
    clientFile("alpha");
    assertEquals(ExitCode.USAGE.code(), h.run("client", "register", "-partition", "p1", "-dir",
        dir.toString(), "-label", "x", "-file", dir.resolve("alpha.stcid").toString()), h::both);
    assertTrue(h.err.contains("give either -dir DIR or -label/-file, not both"), h::both);
    assertEquals(ExitCode.NOT_FOUND.code(), h.run("client", "register", "-partition", "nope", "-dir",
        dir.toString()), h::both);
  }
}
