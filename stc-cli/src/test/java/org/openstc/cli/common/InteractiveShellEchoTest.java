package org.openstc.cli.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openstc.cli.stccm.StcCm;
import org.openstc.cli.stccm.link.ClientSession;

/** A shell reading a pipe echoes each command after its prompt, with PINs and passwords masked. */
class InteractiveShellEchoTest {
  @TempDir Path dir;

  @Test
  void masksEverySecretOptionValue() {
    assertEquals("role login -name po -password ********",
        InteractiveShell.masked("role login -name po -password s3cret-pin"));
    assertEquals("x -newpin ******** -OLDPIN=******** -label a",
        InteractiveShell.masked("x -newpin n3w-pin-1 -OLDPIN=old-pin-1 -label a"));
    assertEquals("role login -name po -password -slot 1",
        InteractiveShell.masked("role login -name po -password -slot 1"));
    assertEquals("stc tokenlist", InteractiveShell.masked("stc tokenlist"));
  }

  @Test
  void pipedCommandsAreEchoedAndSecretsNeverKept() throws Exception {
    CliHarness h = new CliHarness(StcCm.class, "stc tokenlist\nrole login -name po -password pin-12345\nexit\n",
        Map.of("STC_HOME", dir.toString()));
    InteractiveShell shell = new InteractiveShell(h.cli, "stccm", dir.resolve("history"));
    try (ClientSession session = ClientSession.attach(h.ctx, true)) {
      shell.run();
    }
    assertTrue(h.out().startsWith("stccm:> stc tokenlist\nNo client token"), h.out());
    assertTrue(h.out().contains("stccm:> role login -name po -password ********\n"), h.out());
    assertTrue(h.out().endsWith("stccm:> exit\n"), h.out());
    assertFalse(h.out().contains("pin-12345") || h.err().contains("pin-12345"), h.err());
    assertEquals(java.util.List.of("stc tokenlist"), shell.history());
    assertFalse(Files.readString(dir.resolve("history")).contains("pin-12345"));
  }
}
