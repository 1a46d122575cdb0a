package org.openstc.cli.stccm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openstc.cli.CheapKdf;
import org.openstc.identity.IdentityFile;

/** stc tokeninit / tokenlist / tokendelete and identity commands through the real entry point. */
class StcTokenCommandsTest {
  @TempDir Path home;
  StcCmHarness cm;

  @BeforeEach
  void setUp() {
    cm = new StcCmHarness(home);
  }

  @Test
  void tokenLifecycle() {
    assertEquals(0, cm.run("stc", "tokenlist"), cm.both());
    assertTrue(cm.out.contains("No client token is initialized"), cm.both());
    assertTrue(cm.out.contains("Command Result : 0 (Success)"), cm.both());
    assertEquals(4, cm.run("stc", "identityshow"), cm.both());
    assertTrue(cm.out.contains("Command Result : 4 (Not initialized)"), cm.both());
    assertEquals(0, cm.run("stc", "tokeninit", "-label", "tok"), cm.both());
    assertTrue(cm.out.contains("Successfully initialized the client token tok"), cm.both());
    assertTrue(cm.out.contains("Only the file permissions"), cm.both());
    assertEquals(5, cm.run("stc", "tokeninit", "--label", "tok2"), cm.both());
    assertEquals(0, cm.run("stc", "tokenlist", "-json"), cm.both());
    JsonObject json = JsonParser.parseString(cm.out).getAsJsonObject();
    assertEquals("tok", json.get("label").getAsString());
    assertTrue(json.get("serial").getAsString().matches("\\d{12}"));
    assertEquals(3, cm.runWith("no\n", "stc", "tokendelete"), cm.both());
    assertEquals(0, cm.run("stc", "tokenlist"), cm.both());
    assertTrue(cm.out.contains("Token Label :          tok"), cm.both());
    assertEquals(0, cm.runWith("proceed\n", "stc", "tokendelete"), cm.both());
    assertTrue(cm.out.contains("Successfully deleted the client token tok."), cm.both());
    assertEquals(4, cm.run("stc", "tokendelete", "-force"), cm.both());
  }

  @Test
  void identityCreateShowExportDelete() throws Exception {
    cm.run("stc", "tokeninit", "-label", "tok");
    assertEquals(2, cm.run("stc", "identitycreate", "-label", "me", "-keytype", "rsa"), cm.both());
    assertEquals(2, cm.run("stc", "identitycreate", "-label", "../me"), cm.both());
    assertEquals(0, cm.run("stc", "identitycreate", "-label", "me", "-keytype", "P521"), cm.both());
    Path pub = home.resolve("client_identities/me.stcid");
    IdentityFile created = IdentityFile.read(pub);
    assertTrue(cm.out.contains("Public Key Hash (SHA-256): " + created.fingerprint()), cm.both());
    assertEquals(5, cm.run("stc", "identitycreate", "-label", "again"), cm.both());
    assertEquals(0, cm.run("stc", "identityshow"), cm.both());
    assertTrue(cm.out.contains(created.fingerprint()) && cm.out.contains("p521"), cm.both());
    assertEquals(0, cm.run("stc", "identityshow", "-json"), cm.both());
    JsonObject id = JsonParser.parseString(cm.out).getAsJsonObject().getAsJsonObject("clientIdentity");
    assertEquals(created.fingerprint(), id.get("fingerprint").getAsString());
    Path export = home.resolve("export.stcid");
    assertEquals(0, cm.run("stc", "identityexport", "-file", export.toString()), cm.both());
    assertEquals(created.identity(), IdentityFile.read(export).identity());
    assertEquals(3, cm.runWith("quit\n", "stc", "identitydelete"), cm.both());
    assertTrue(Files.exists(pub));
    assertEquals(0, cm.runWith("proceed\n", "stc", "identitydelete"), cm.both());
    assertTrue(cm.out.contains("Successfully deleted client identity me."), cm.both());
    assertFalse(Files.exists(pub));
    assertEquals(4, cm.run("stc", "identityshow"), cm.both());
  }

  @Test
  void passwordProtectedToken() {
    assertEquals(2, cm.runWith("one\ntwo\n", "stc", "tokeninit", "-label", "tok", "-password"), cm.both());
    assertEquals(0, cm.runWith("pw1\npw1\n", CheapKdf.with("stc", "tokeninit", "-label", "tok", "-password")),
        cm.both());
    assertTrue(cm.out.contains("token password (Argon2id, 64 KiB, 1 pass, 1 lane)"), cm.both());
    assertEquals(11, cm.runWith("wrong\n", "stc", "identitycreate", "-label", "me"), cm.both());
    assertTrue(cm.err.contains("incorrect token passphrase (1 failed attempt)"), cm.both());
    assertEquals(11, cm.run("stc", "identitycreate", "-label", "me", "-password", "nope"), cm.both());
    assertEquals(0, cm.run("stc", "tokenlist"), cm.both());
    assertTrue(cm.out.contains("Failed Unlocks :       2"), cm.both());
    assertTrue(cm.out.contains("Client Identity :      none"), cm.both());
    assertEquals(0, cm.runWith("pw1\n", "stc", "identitycreate", "-label", "me"), cm.both());
    assertEquals(0, cm.run("stc", "identitycreate", "-help"), cm.both());
  }

  @Test
  void tokenInUseIsBusyForDeleteButUsableByOtherCommands() throws Exception {
    cm.run("stc", "tokeninit", "-label", "tok");
    try (org.openstc.token.Token open = org.openstc.token.Token.open(home)) {
      assertEquals(12, cm.run("stc", "tokendelete", "-force"), cm.both());
      assertTrue(cm.out.contains("Command Result : 12 (Busy)") && cm.err.contains("token busy"), cm.both());
      assertEquals(0, cm.run("stc", "identitycreate", "-label", "me"), cm.both());
      assertEquals("me", open.clientIdentity().orElseThrow().label());
    }
    assertEquals(0, cm.run("stc", "tokendelete", "-force"), cm.both());
  }

  @Test
  void interactiveShellWithHistory() throws Exception {
    String script = "stc tokeninit -label shelltok\nstc TOKENLIST\nhistory\nquit\n";
    assertEquals(0, cm.runWith(script), cm.both());
    assertTrue(cm.out.contains("stccm:> "), cm.both());
    assertTrue(cm.out.contains("Token Label :          shelltok"), cm.both());
    assertTrue(cm.out.contains("   2  stc TOKENLIST"), cm.both());
    assertEquals("stc tokeninit -label shelltok", Files.readAllLines(home.resolve("stccm_history")).get(0));
  }
}
