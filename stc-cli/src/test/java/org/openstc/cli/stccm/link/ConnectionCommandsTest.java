package org.openstc.cli.stccm.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openstc.cli.CheapKdf;
import org.openstc.cli.common.TokenPassphrase;
import org.openstc.partition.store.Partitions;

/** clientconfig, stc enable/disable/status/rekey, slot list/set, partition show/init, role. */
class ConnectionCommandsTest {
  @TempDir Path dir;
  LinkFixture host;

  @BeforeEach
  void start() throws Exception {
    host = new LinkFixture(dir);
  }

  @AfterEach
  void stop() {
    host.close();
  }

  @Test
  void serverListAddListDelete() {
    Cm cm = new Cm(dir.resolve("c"));
    assertEquals(0, cm.run("clientconfig", "addserver", "-n", "hsm1.example", "-label", "lab"), cm.both());
    assertTrue(cm.out.contains("hsm1.example:5656 (lab) successfully added as server 0"), cm.both());
    assertEquals(0, cm.run("clientconfig", "addserver", "-n", "[::1]:7000"), cm.both());
    assertEquals(27, cm.run("clientconfig", "addserver", "-n", "HSM1.example:5656"), cm.both());
    assertTrue(cm.err.contains("already registered as server 0"), cm.both());
    assertEquals(2, cm.run("clientconfig", "addserver", "-n", "h:70000"), cm.both());
    assertEquals(2, cm.run("clientconfig", "addserver", "-n", "h:x"), cm.both());
    assertEquals(0, cm.run("clientconfig", "listservers"), cm.both());
    assertTrue(cm.out.matches("(?s).*0 +hsm1.example +5656 +lab +disabled.*"), cm.both());
    assertEquals(0, cm.run("clientconfig", "listservers", "-json"), cm.both());
    JsonArray servers = JsonParser.parseString(cm.out).getAsJsonObject().getAsJsonArray("servers");
    assertEquals(2, servers.size());
    assertEquals("::1", servers.get(1).getAsJsonObject().get("host").getAsString());
    assertEquals(7000, servers.get(1).getAsJsonObject().get("port").getAsInt());
    assertFalse(servers.get(0).getAsJsonObject().get("stcEnabled").getAsBoolean());
    assertEquals(0, cm.run("clientconfig", "deleteserver", "-id", "0"), cm.both());
    assertEquals(27, cm.run("clientconfig", "deleteserver", "-id", "0"), cm.both());
    assertTrue(cm.err.contains("no server with id 0"), cm.both());
  }

  @Test
  void enableListSetStatusRekeyDisable() throws Exception {
    Cm cm = host.newClient("client1");
    host.bootstrap(cm, "client1");
    assertEquals(0, cm.run("stc", "partitionregister", "-file", host.pid().toString()), cm.both());
    assertEquals(0, cm.run("clientconfig", "addserver", "-n", "127.0.0.1:" + host.host.port()), cm.both());
    assertEquals(0, cm.run("slot", "list"), cm.both());
    assertTrue(cm.out.contains("No slots."), cm.both());
    assertEquals(0, cm.run("stc", "enable", "-id", "0"), cm.both());
    assertTrue(cm.out.contains("Partition " + host.serial() + " (par1): slot 0 (link up)"), cm.both());
    assertEquals(0, cm.run("slot", "list", "-json"), cm.both());
    JsonObject slot = JsonParser.parseString(cm.out).getAsJsonObject().getAsJsonArray("slots")
        .get(0).getAsJsonObject();
    assertEquals(String.valueOf(host.serial()), slot.get("serial").getAsString());
    assertEquals("not connected", slot.get("link").getAsString());
    assertEquals("par1", slot.get("label").getAsString());
    assertEquals(0, cm.run("slot", "set", "-slot", "0"), cm.both());
    assertEquals(27, cm.run("slot", "set", "-slot", "5"), cm.both());
    assertEquals(0, cm.run("clientconfig", "listservers"), cm.both());
    assertTrue(cm.out.contains("enabled"), cm.both());

    assertEquals(0, cm.run("stc", "status"), cm.both());
    String fp = Partitions.identityFile(host.partition).fingerprint();
    assertTrue(cm.out.contains("Noise_IK_25519_AESGCM_SHA256") && cm.out.contains("encrypted")
        && cm.out.contains(fp) && cm.out.contains("Link State :") && cm.out.contains("up"), cm.both());
    assertEquals(0, cm.run("stc", "status", "-json"), cm.both());
    JsonObject st = JsonParser.parseString(cm.out).getAsJsonObject();
    assertEquals(120, st.get("replayWindow").getAsInt());
    assertEquals(16, st.get("channelId").getAsString().length());
    assertEquals(0, cm.run("stc", "rekey"), cm.both());
    assertTrue(cm.out.contains("key updates sent: 0 -> 1"), cm.both());

    assertEquals(0, cm.run("stc", "disable", "-id", "0"), cm.both());
    assertTrue(cm.out.contains("1 slot(s) removed"), cm.both());
    assertEquals(27, cm.run("stc", "status"), cm.both());
    assertTrue(cm.err.contains("there are no slots"), cm.both());
  }

  @Test
  void partitionInitShowAndRoles() throws Exception {
    Cm cm = host.newClient("client1");
    host.bootstrap(cm, "client1");
    host.connect(cm);
    assertEquals(0, cm.run("partition", "show"), cm.both());
    assertTrue(cm.out.contains("Initialized :                   no"), cm.both());
    assertEquals(0, cm.run("partition", "init", "-label", "shared", "-password", LinkFixture.SO_PIN),
        cm.both());
    assertTrue(cm.out.contains("successfully initialized with label shared"), cm.both());
    assertEquals(0, cm.run("partition", "show", "-json"), cm.both());
    JsonObject info = JsonParser.parseString(cm.out).getAsJsonObject();
    assertEquals("shared", info.get("label").getAsString());
    assertEquals(1, info.get("clients").getAsInt());
    assertEquals(info.get("freeBytes").getAsLong() / 2392, info.get("moreClientsFit").getAsLong());

    assertEquals(0, cm.runWith(LinkFixture.SO_PIN + "\n", "role", "login", "-name", "po"), cm.both());
    assertTrue(cm.out.contains("Successfully logged in as Partition SO on slot 0.")
        && cm.out.contains("the login ends with it"), cm.both());
    assertEquals(26, cm.run("role", "logout"), cm.both());
    assertEquals(26, cm.run("role", "login", "-name", "po", "-password", "wrong-pin-1"), cm.both());
    assertTrue(cm.err.contains("CKR_PIN_INCORRECT"), cm.both());
    assertEquals(2, cm.run("role", "login", "-name", "xx", "-password", "x"), cm.both());
    assertEquals(26, cm.run("stcconfig", "clientlist"), cm.both());
    assertTrue(cm.err.contains("a role login from an earlier stccm command does not apply")
        && cm.err.contains("stccm stcconfig clientlist ... -role po (the PIN is prompted")
        && cm.err.contains("stccm shell"), cm.both());
    assertTrue(cm.out.contains(
        "Command Result : 26 (Partition refused the command: CKR_USER_NOT_LOGGED_IN)"), cm.both());
    assertEquals(26, cm.run("partition", "contents", "-json"), cm.both());
    assertEquals("", cm.out, cm.both());
    JsonObject error = JsonParser.parseString(cm.err).getAsJsonObject();
    assertEquals(26, error.get("exitCode").getAsInt());
    assertEquals("CKR_USER_NOT_LOGGED_IN", error.get("ckr").getAsString());
    assertTrue(error.get("message").getAsString().contains("-role co|cu"), cm.err);
    assertEquals(0, cm.runWith("co-pin-0001\nco-pin-0001\n", "role", "initpin", "-role", "po",
        "-password", LinkFixture.SO_PIN, "-name", "co"), cm.both());
    assertEquals(2, cm.run("role", "initpin", "-role", "po", "-password", LinkFixture.SO_PIN,
        "-name", "po", "-newpin", "abcdefgh1"), cm.both());
    assertEquals(0, cm.run("role", "changepin", "-role", "co", "-password", "co-pin-0001",
        "-oldpin", "co-pin-0001", "-newpin", "co-pin-0002"), cm.both());
    assertEquals(0, cm.run("partition", "contents", "-role", "co", "-password", "co-pin-0002"), cm.both());
    assertTrue(cm.out.contains("contains 0 object(s)"), cm.both());
    assertEquals(3, cm.run("partition", "init", "-label", "again"), cm.both());
    assertTrue(cm.err.contains("use -force in scripts"), cm.both());
  }

  @Test
  void shellKeepsTheChannelAndTheLogin() throws Exception {
    Cm cm = host.initializedClient("client1");
    assertEquals(0, cm.shell("slot list", "role login -name co -password " + LinkFixture.CO_PIN,
        "slot list", "partition contents", "role logout", "stc status"), cm.both());
    assertTrue(cm.out.contains("stccm:> role login -name co -password ********"), cm.both());
    assertFalse(cm.out.contains(LinkFixture.CO_PIN), cm.both());
    assertTrue(cm.out.contains("not connected") && cm.out.matches("(?s).*shared .* up\\R.*"), cm.both());
    assertTrue(cm.out.contains("contains 0 object(s)"), cm.both());
    assertFalse(cm.out.contains("the login ends with it"), cm.both());
    String history = Files.readString(cm.home().resolve("stccm_history"));
    assertFalse(history.contains(LinkFixture.CO_PIN), history);
  }

  @Test
  void aPasswordProtectedTokenIsUnlockedOncePerShellFromItsPassphraseFile() throws Exception {
    Cm cm = new Cm(dir.resolve("locked"));
    Path pass = dir.resolve("token-pass");
    Files.writeString(pass, "tok-pass-1\n");
    Files.setPosixFilePermissions(pass, PosixFilePermissions.fromString("rw-------"));
    assertEquals(0, cm.run(CheapKdf.with("stc", "tokeninit", "-label", "t", "-passphrase-file", pass.toString())),
        cm.both());
    assertEquals(0, cm.run("stc", "identitycreate", "-label", "client1", "-passphrase-file",
        pass.toString()), cm.both());
    host.bootstrap(cm, "client1");
    assertEquals(0, cm.run("stc", "partitionregister", "-file", host.pid().toString()), cm.both());
    assertEquals(0, cm.run("clientconfig", "addserver", "-n", "127.0.0.1:" + host.host.port()), cm.both());
    assertEquals(0, cm.run("stc", "enable", "-id", "0", "-passphrase-file", pass.toString()), cm.both());

    Cm shell = cm.withEnv(Map.of(TokenPassphrase.ENV, pass.toString()));
    assertEquals(0, shell.shell(new ScriptedInput().line("stc status")
        .then(() -> Files.delete(pass)).line("partition show").line("slot list")), shell.both());
    assertFalse(shell.out.contains("Enter the token password"), shell.both());
    assertTrue(shell.out.contains("Link State :") && shell.out.contains("Initialized :"), shell.both());
    assertEquals(11, cm.runWith("wrong-pass\n", "stc", "status"), cm.both());
  }

  @Test
  void aPipedShellDoesNotTakeTheNextLineAsTheTokenPassword() throws Exception {
    Cm cm = new Cm(dir.resolve("locked"));
    assertEquals(0, cm.run(CheapKdf.with("stc", "tokeninit", "-label", "t", "-password", "tok-pass-1")), cm.both());
    assertEquals(0, cm.run("stc", "identitycreate", "-label", "client1", "-password", "tok-pass-1"),
        cm.both());
    assertEquals(0, cm.run("clientconfig", "addserver", "-n", "127.0.0.1:" + host.host.port()), cm.both());
    assertEquals(0, cm.shell("stc enable -id 0", "tok-pass-1", "stc tokenlist"), cm.both());
    assertTrue(cm.err.contains("no terminal to ask for a password"), cm.both());
    assertTrue(cm.err.contains("-passphrase-file FILE or $" + TokenPassphrase.ENV), cm.both());
    assertTrue(cm.out.contains("Command Result : 2 (Invalid command or argument)"), cm.both());
    assertTrue(cm.out.contains("Failed Unlocks :       0"), cm.both());
  }
}
