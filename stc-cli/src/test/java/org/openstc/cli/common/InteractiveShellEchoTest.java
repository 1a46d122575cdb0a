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

  @Test
  void shortFormsAndPrefixesOfSecretOptionsAreMaskedToo() throws Exception {
    String script = "role login -n po -p pin-12345\nrole login -n po -PASSW 'pin 67890'\n"
        + "role changepin -o old-pin-11 -ne new-pin-22\nstc tokenl\nexit\n";
    CliHarness h = new CliHarness(StcCm.class, script, Map.of("STC_HOME", dir.toString()));
    InteractiveShell shell = new InteractiveShell(h.cli, "stccm", dir.resolve("history"));
    try (ClientSession session = ClientSession.attach(h.ctx, true)) {
      shell.run();
    }
    assertTrue(h.out().contains("stccm:> role login -n po -p ********\n"), h.out());
    assertTrue(h.out().contains("stccm:> role login -n po -PASSW ********\n"), h.out());
    assertTrue(h.out().contains("stccm:> role changepin -o ******** -ne ********\n"), h.out());
    for (String secret : java.util.List.of("pin-12345", "67890", "old-pin-11", "new-pin-22")) {
      assertFalse(h.out().contains(secret) || h.err().contains(secret), secret + "\n" + h.out());
    }
    assertEquals(java.util.List.of("stc tokenl"), shell.history());
  }
}
