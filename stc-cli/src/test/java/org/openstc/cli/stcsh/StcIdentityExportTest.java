package org.openstc.cli.stcsh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openstc.cli.common.ExitCode;
import org.openstc.identity.IdentityFile;
import org.openstc.identity.IdentityKind;

/** {@code partition stcidentity export -file}: a file, a directory, or a clear error. */
class StcIdentityExportTest {
  @TempDir Path home;
  @TempDir Path files;
  private StcShHarness h;
  private String pidName;

  @BeforeEach
  void partition() {
    h = StcShHarness.initialized(home);
    assertEquals(0, h.run("partition", "create", "-partition", "p1", "-size", "100000"), h::both);
    assertEquals(0, h.run("partition", "stcidentity", "show", "-partition", "p1", "-json"), h::both);
    pidName = JsonParser.parseString(h.out).getAsJsonObject().get("serial").getAsString() + ".pid";
  }

  private int export(String file) {
    return h.run("partition", "stcidentity", "export", "-partition", "p1", "-file", file);
  }

  @Test
  void aMissingDirectoryWithATrailingSeparatorIsAnErrorNotAFileNamedLikeIt() {
    Path missing = files.resolve("nodir");
    assertEquals(ExitCode.USAGE.code(), export(missing + "/"), h::both);
    assertTrue(h.err.contains("directory " + missing + "/ does not exist"), h::both);
    assertFalse(Files.exists(missing), "nothing written at " + missing);
  }

  @Test
  void aFileInAMissingDirectoryIsAnError() {
    Path file = files.resolve("nodir").resolve("p1.pid");
    assertEquals(ExitCode.USAGE.code(), export(file.toString()), h::both);
    assertTrue(h.err.contains("directory " + file.getParent() + " does not exist"), h::both);
    assertFalse(Files.exists(file.getParent()));
  }

  @Test
  void anExistingDirectoryWithOrWithoutASeparatorReceivesSerialDotPid() throws Exception {
    Path dir = Files.createDirectory(files.resolve("out"));
    assertEquals(0, export(dir + "/"), h::both);
    assertEquals(IdentityKind.PARTITION, IdentityFile.read(dir.resolve(pidName)).kind());
    Files.delete(dir.resolve(pidName));
    assertEquals(0, export(dir.toString()), h::both);
    assertTrue(Files.isRegularFile(dir.resolve(pidName)), h::both);
  }

  @Test
  void aFileNameIsWrittenAsGiven() throws Exception {
    Path file = files.resolve("mine.pid");
    assertEquals(0, export(file.toString()), h::both);
    assertTrue(h.out.contains("to file: " + file), h::both);
    assertEquals(IdentityKind.PARTITION, IdentityFile.read(file).kind());
  }
}
