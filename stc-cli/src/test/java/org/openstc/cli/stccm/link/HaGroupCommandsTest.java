package org.openstc.cli.stccm.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** stccm hagroup: group configuration, the vendor's layout, refusals. */
class HaGroupCommandsTest {
  @TempDir Path dir;
  LinkFixture f;

  @AfterEach
  void close() {
    f.close();
  }

  private Cm client() throws Exception {
    f = new LinkFixture(dir);
    return f.initializedClient("client1");
  }

  private static void refused(Cm cm, String expected, String... args) {
    assertNotEquals(0, cm.run(args), cm.both());
    assertTrue(cm.both().contains(expected), cm.both());
    assertFalse(cm.both().contains("\tat "), cm.both());
  }

  @Test
  void createListAndRefusals() throws Exception {
    Cm cm = client();
    String serial = String.valueOf(f.serial());
    refused(cm, "CKR_PIN_INCORRECT", "hagroup", "creategroup", "-label", "myHA", "-slot", "0", "-password", "wrong-pin");
    assertFalse(Files.exists(cm.home().resolve("hagroups.json")));
    assertEquals(0, cm.run("hagroup", "creategroup", "-label", "myHA", "-slot", "0", "-password",
        LinkFixture.CO_PIN), cm.both());
    assertTrue(cm.out.contains("New group with label \"myHA\" created with group number 1" + serial + "."), cm.out);
    refused(cm, "already exists", "hagroup", "creategroup", "-label", "myHA", "-serialnumber", serial);
    refused(cm, "already a member", "hagroup", "addmember", "-group", "myHA", "-serialnumber", serial);
    refused(cm, "has no slot", "hagroup", "addmember", "-group", "myHA", "-serialnumber", "999");
    refused(cm, "last member", "hagroup", "removemember", "-group", "myHA", "-slot", "0");
    refused(cm, "no HA group 'other'", "hagroup", "addmember", "-group", "other", "-slot", "0");
    refused(cm, "60 to 1200", "hagroup", "interval", "-interval", "10");
    refused(cm, "0 (off) to 500", "hagroup", "retry", "-count", "-1");
    assertEquals(0, cm.run("hagroup", "retry", "-count", "3"), cm.both());
    assertTrue(cm.out.contains("HA Auto Recovery Count has been set to 3"), cm.out);
    assertEquals(0, cm.run("hagroup", "interval", "-interval", "120"), cm.both());
    assertEquals(0, cm.run("hagroup", "haonly", "-enable"), cm.both());
    assertEquals(0, cm.run("hagroup", "haonly", "-show"), cm.both());
    assertTrue(cm.out.contains("HA Only mode is enabled."), cm.out);
    assertEquals(0, cm.run("hagroup", "listgroups", "-password", LinkFixture.CO_PIN), cm.both());
    for (String line : new String[] {"HA auto recovery:  enabled", "Maximum auto recovery retry:  3",
        "Auto recovery poll interval:  120 seconds", "Only Show HA Slots:  yes", "HA Group Label:  myHA",
        "HA Group Number:  1" + serial, "Group Members:  " + serial, "Standby Members:  <none>"}) {
      assertTrue(cm.out.contains(line), line + " in\n" + cm.out);
    }
    assertTrue(cm.out.matches("(?s).*------\\s+" + serial + "\\s+\\S+\\s+alive.*"), cm.out);
    assertEquals(0, cm.run("slot", "list"), cm.both());
    assertTrue(cm.out.matches("(?s).*\\n\\s+1\\s+1" + serial + "\\s+myHA\\s+HA Virtual Card Slot.*"), cm.out);
    refused(cm, "exactly one", "hagroup", "synchronize", "-group", "myHA");
    refused(cm, "no HA group 'other'", "hagroup", "synchronize", "-group", "other", "-disable");
    assertEquals(0, cm.run("hagroup", "synchronize", "-group", "myHA", "-disable"), cm.both());
    assertTrue(cm.out.contains("Synchronization for HA group myHA is disabled."), cm.out);
    assertEquals(0, cm.run("hagroup", "listgroups"), cm.both());
    assertTrue(cm.out.contains("Synchronization:  disabled"), cm.out);
    assertEquals(0, cm.run("hagroup", "deletegroup", "-label", "myHA"), cm.both());
    assertEquals(0, cm.run("hagroup", "listgroups"), cm.both());
    assertTrue(cm.out.contains("There are no HA groups."), cm.out);
  }

  @Test
  void recoveryModeTimeoutAndNeedsSync() throws Exception {
    Cm cm = client();
    assertEquals(0, cm.run("hagroup", "creategroup", "-label", "myHA", "-slot", "0"), cm.both());
    assertEquals(0, cm.run("hagroup", "listgroups"), cm.both());
    for (String line : new String[] {"HA recovery mode:  activeEnhanced", "HA command timeout:  20 seconds",
        "Needs sync:  no"}) {
      assertTrue(cm.out.contains(line), line + " in\n" + cm.out);
    }
    refused(cm, "unknown recovery mode 'fast'", "hagroup", "recoverymode", "-mode", "fast");
    refused(cm, "1 to 600 seconds", "hagroup", "timeout", "-seconds", "0");
    assertEquals(0, cm.run("hagroup", "recoverymode", "-mode", "activebasic"), cm.both());
    assertTrue(cm.out.contains("HA recovery mode has been set to activeBasic"), cm.out);
    assertEquals(0, cm.run("hagroup", "timeout", "-seconds", "3"), cm.both());
    // As a virtual slot in another process records it: the member missed a key change while away.
    org.openstc.client.HaConfig.load(cm.home()).needsSync("myHA", f.serial(), true);
    assertEquals(0, cm.run("hagroup", "listgroups", "-password", LinkFixture.CO_PIN), cm.both());
    for (String line : new String[] {"HA recovery mode:  activeBasic", "HA command timeout:  3 seconds",
        "Needs sync:  yes"}) {
      assertTrue(cm.out.contains(line), line + " in\n" + cm.out);
    }
    assertEquals(0, cm.run("hagroup", "recover", "-group", "myHA", "-password", LinkFixture.CO_PIN), cm.both());
    assertEquals(0, cm.run("hagroup", "listgroups"), cm.both());
    assertTrue(cm.out.contains("Needs sync:  no"), "recover synchronised it:\n" + cm.out);
  }

  @Test
  void keyCommandsWorkUnchangedOnTheVirtualSlot() throws Exception {
    Cm cm = client();
    assertEquals(0, cm.run("hagroup", "creategroup", "-label", "myHA", "-slot", "0"), cm.both());
    String[] co = {"-slot", "1", "-role", "co", "-password", LinkFixture.CO_PIN};
    assertEquals(0, cm.run(concat(new String[] {"key", "generate", "-keytype", "aes256", "-label", "k"}, co)), cm.both());
    assertTrue(cm.out.contains("Generated aes256 key k in slot 1: handle 1."), cm.out);
    assertEquals(0, cm.run(concat(new String[] {"key", "encrypt", "-handle", "1", "-text", "hello"}, co)), cm.both());
    String ct = ConfigAndKeyCommandsTest.hexAfter("Ciphertext", cm.out);
    assertEquals(0, cm.run(concat(new String[] {"key", "decrypt", "-handle", "1", "-hex", ct}, co)), cm.both());
    assertTrue(cm.out.contains("hello"), cm.out);
    assertEquals(0, cm.run("slot", "set", "-slot", "1"), cm.both());
    assertEquals(0, cm.run("key", "encrypt", "-handle", "1", "-text", "current", "-role", "co", "-password",
        LinkFixture.CO_PIN), cm.both());
    refused(cm, "CKR_PIN_INCORRECT", "key", "encrypt", "-slot", "1", "-handle", "1", "-text", "x", "-role", "co",
        "-password", "wrong-pin-01");
    refused(cm, "CKR_OBJECT_HANDLE_INVALID", concat(new String[] {"key", "sign", "-handle", "7", "-hex", "00"}, co));
    refused(cm, "HA virtual slot, with a channel to each member", "stc", "rekey", "-slot", "1");
    assertEquals(0, cm.run("hagroup", "haonly", "-enable"), cm.both());
    assertEquals(0, cm.run("slot", "list"), cm.both());
    assertFalse(cm.out.matches("(?s).*\\n\\s+0\\s+" + f.serial() + ".*"), "member hidden:\n" + cm.out);
    assertTrue(cm.out.matches("(?s).*\\n\\s+1\\s+1" + f.serial() + "\\s+myHA\\s+HA Virtual Card Slot.*"), cm.out);
  }

  @Test
  void legacyVtlHaAdminFormsAreAliases() throws Exception {
    Cm cm = client();
    String serial = String.valueOf(f.serial());
    assertEquals(0, cm.vtl("haAdmin", "-newGroup", "-serialNum", serial, "-label", "ade_test", "-password",
        LinkFixture.CO_PIN), cm.both());
    assertTrue(cm.out.contains("New group with label \"ade_test\" created with group number 1" + serial), cm.out);
    assertNotEquals(0, cm.vtl("haAdmin", "-addMember", "-group", "ade_test", "-serialNum", serial), cm.both());
    assertTrue(cm.both().contains("already a member"), cm.both());
    assertEquals(0, cm.vtl("haAdmin", "-show"), cm.both());
    assertTrue(cm.out.contains("HA Group Label:  ade_test"), cm.out);
    assertNotEquals(0, cm.vtl("haAdmin", "-removeMember", "-group", "ade_test", "-serialNum", serial), cm.both());
    assertTrue(cm.both().contains("last member"), cm.both());
    assertNotEquals(0, cm.vtl("haAdmin", "-newGroup", "-label", "x"), cm.both());
    assertTrue(cm.both().contains("needs -serialNum"), cm.both());
    assertNotEquals(0, cm.vtl("haAdmin", "-show", "-newGroup"), cm.both());
    assertFalse(cm.both().contains("\tat "), cm.both());
  }

  @Test
  void partitionInitSetsTheCloningDomain() throws Exception {
    f = new LinkFixture(dir);
    Cm cm = f.newClient("client1");
    f.bootstrap(cm, "client1");
    f.connect(cm);
    String[] co = {"-role", "co", "-password", LinkFixture.CO_PIN};
    refused(cm, "not both", "partition", "init", "-label", "shared", "-password", LinkFixture.SO_PIN,
        "-domain", "d", "-domain-file", dir.resolve("none").toString());
    Path secret = Files.writeString(dir.resolve("domain.txt"), "red-key-secret-0001\n");
    assertEquals(0, cm.run("partition", "init", "-label", "shared", "-password", LinkFixture.SO_PIN,
        "-domain-file", secret.toString()), cm.both());
    assertTrue(cm.out.contains("successfully initialized with label shared and its cloning domain set"), cm.out);
    assertEquals(0, cm.run("role", "initpin", "-role", "po", "-password", LinkFixture.SO_PIN, "-name", "co",
        "-newpin", LinkFixture.CO_PIN), cm.both());
    assertEquals(0, cm.run(concat(new String[] {"key", "generate", "-keytype", "aes256", "-label", "b"}, co)), cm.both());
    long handle = Long.parseLong(cm.out.replaceAll("(?s).*handle (\\d+)\\..*", "$1"));
    f.store.policies().changeHsm(org.openstc.partition.store.Policy.ALLOW_NETWORK_REPLICATION.code(), 1);
    assertTrue(f.store.domains().export(f.serial(), handle).length > 32, "exported under the domain");
  }

  private static String[] concat(String[] a, String[] b) {
    String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }
}
