package org.openstc.cli.stccm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openstc.cli.common.ExitCode;

/** {@code stc identityexport -file}: a missing directory is an error, a directory gets <label>.stcid. */
class IdentityExportTargetTest {
  @TempDir Path home;
  @TempDir Path files;
  StcCmHarness cm;

  @BeforeEach
  void identity() {
    cm = new StcCmHarness(home);
    assertEquals(0, cm.run("stc", "tokeninit", "-label", "tok"), cm.both());
    assertEquals(0, cm.run("stc", "identitycreate", "-label", "me"), cm.both());
  }

  @Test
  void aMissingDirectoryIsAnErrorAndAnExistingOneGetsTheStandardName() {
    Path missing = files.resolve("nodir");
    assertEquals(ExitCode.USAGE.code(), cm.run("stc", "identityexport", "-file", missing + "/"), cm.both());
    assertTrue(cm.err.contains("directory " + missing + "/ does not exist"), cm.both());
    assertFalse(Files.exists(missing));
    assertEquals(0, cm.run("stc", "identityexport", "-file", files + "/"), cm.both());
    assertTrue(Files.isRegularFile(files.resolve("me.stcid")), cm.both());
  }
}
