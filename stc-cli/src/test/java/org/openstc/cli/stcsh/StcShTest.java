package org.openstc.cli.stcsh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openstc.cli.CheapKdf;
import org.openstc.cli.common.ExitCode;
import org.openstc.crypto.CryptoProviders;
import org.openstc.identity.IdentityFile;
import org.openstc.identity.IdentityKind;
import org.openstc.stc.InMemoryStaticKey;
import org.openstc.stc.KeyType;

class StcShTest {
  @TempDir
  Path home;
  @TempDir
  Path files;

  private StcShHarness sh() {
    return StcShHarness.initialized(home);
  }

  private void ok(StcShHarness h, String... args) {
    assertEquals(0, h.run(args), h::both);
    assertTrue(h.out.contains("Command Result : 0 (Success)") || h.err.contains("Command Result : 0 (Success)"), h::both);
  }

  private void fails(ExitCode code, StcShHarness h, String... args) {
    assertEquals(code.code(), h.run(args), h::both);
    assertTrue(h.err.startsWith("Error: "), h::both);
  }

  private Path clientFile(String label) throws Exception {
    return clientFile(label, KeyType.X25519);
  }

  private Path clientFile(String label, KeyType type) throws Exception {
    InMemoryStaticKey key = InMemoryStaticKey.generate(type, CryptoProviders.jca());
    Path f = files.resolve(label + ".stcid");
    IdentityFile.client(label, key.identity()).write(f);
    return f;
  }

  @Test
  void partitionLifecycle() throws Exception {
    StcShHarness h = sh();
    ok(h, "partition", "create", "-partition", "p1", "-size", "100000");
    assertTrue(h.out.contains("Successfully created partition p1"), h::both);
    ok(h, "partition", "create", "-partition", "p2", "-size", "5000", "-keytype", "p521");
    ok(h, "partition", "list");
    assertTrue(h.out.contains("p1") && h.out.contains("p2") && h.out.contains("2 partition(s)."), h::both);
    ok(h, "partition", "list", "-json");
    JsonArray list = JsonParser.parseString(h.out).getAsJsonArray();
    assertEquals("p521", list.get(1).getAsJsonObject().get("keyType").getAsString());
    ok(h, "partition", "resize", "-partition", "p1", "-size", "200000");
    ok(h, "partition", "show", "-partition", "p1", "-json");
    JsonObject show = JsonParser.parseString(h.out).getAsJsonObject();
    assertEquals(200000, show.get("sizeBytes").getAsLong());
    assertEquals(200000 / 2392, show.get("moreClientsFit").getAsLong());
    ok(h, "partition", "show", "-partition", "p1");
    assertTrue(h.out.matches("(?s).*More Clients That Fit\\s+: 83\\R.*"), h::both);
    assertEquals(ExitCode.CANCELLED.code(), h.runWith("quit\n", "partition", "delete", "-partition", "p2"), h::both);
    assertEquals(0, h.runWith("proceed\n", "partition", "delete", "-partition", "p2"), h::both);
    ok(h, "partition", "delete", "-partition", "p1", "-force");
    ok(h, "partition", "list", "-json");
    assertEquals(0, JsonParser.parseString(h.out).getAsJsonArray().size());
  }

  @Test
  void homeOptionOverridesTheEnvironment() throws Exception {
    StcShHarness h = sh();
    Path other = files.resolve("otherhome");
    ok(h, CheapKdf.with("hsm", "init", "-label", "other", "-password", StcShHarness.SO_PASSWORD, "-home",
        other.toString()));
    ok(h, "partition", "create", "-partition", "elsewhere", "-size", "1000", "-home", other.toString(),
        "-password", StcShHarness.SO_PASSWORD);
    assertTrue(Files.isDirectory(other.resolve("store")));
    ok(h, "partition", "list", "-json");
    assertEquals(0, JsonParser.parseString(h.out).getAsJsonArray().size());
    ok(h, "partition", "list", "-json", "-home", other.toString());
    assertEquals(1, JsonParser.parseString(h.out).getAsJsonArray().size());
  }

  @Test
  void partitionRefusals() {
    StcShHarness h = sh();
    ok(h, "partition", "create", "-partition", "p1", "-size", "10000");
    fails(ExitCode.ALREADY_EXISTS, h, "partition", "create", "-partition", "p1", "-size", "10000");
    fails(ExitCode.USAGE, h, "partition", "create", "-partition", "p2", "-size", "10000", "-keytype", "rsa");
    fails(ExitCode.USAGE, h, "partition", "create", "-partition", "p2", "-size", "0");
    fails(ExitCode.USAGE, h, "partition", "create", "-partition", "bad name", "-size", "10");
    fails(ExitCode.USAGE, h, "partition", "create", "-partition", "p2");
    fails(ExitCode.NOT_FOUND, h, "partition", "show", "-partition", "nope");
    fails(ExitCode.NOT_FOUND, h, "partition", "delete", "-partition", "nope", "-force");
    fails(ExitCode.NOT_FOUND, h, "partition", "resize", "-partition", "nope", "-size", "5");
    fails(ExitCode.USAGE, h, "partition", "bogus");
  }

  @Test
  void identityExportAndShowAgree() throws Exception {
    StcShHarness h = sh();
    ok(h, "partition", "create", "-partition", "p1", "-size", "10000", "-keytype", "p256");
    ok(h, "partition", "stcidentity", "show", "-partition", "p1", "-json");
    JsonObject show = JsonParser.parseString(h.out).getAsJsonObject();
    String serial = show.get("serial").getAsString();
    ok(h, "partition", "stcidentity", "export", "-partition", "p1", "-file", files.toString());
    Path pid = files.resolve(serial + ".pid");
    assertTrue(h.out.contains("Successfully exported partition identity for partition p1 to file: " + pid), h::both);
    IdentityFile read = IdentityFile.read(pid, IdentityKind.PARTITION);
    assertEquals(show.get("fingerprint").getAsString(), read.fingerprint());
    assertEquals(Long.parseLong(serial), read.serial());
    ok(h, "partition", "stcidentity", "show", "-partition", "p1");
    assertTrue(h.out.contains("Public Key Hash (SHA-256): " + read.fingerprint()), h::both);
    fails(ExitCode.NOT_FOUND, h, "partition", "stcidentity", "export", "-partition", "nope", "-file", files.toString());
  }

  @Test
  void clientRegisterListDeregister() throws Exception {
    StcShHarness h = sh();
    ok(h, "partition", "create", "-partition", "p1", "-size", "5000");
    Path c1 = clientFile("c1");
    String fp = IdentityFile.read(c1).fingerprint();
    fails(ExitCode.HASH_MISMATCH, h, "client", "register", "-partition", "p1", "-label", "c1", "-file", c1.toString(), "-hash", (fp.startsWith("00") ? "11" : "00") + fp.substring(2));
    ok(h, "client", "register", "-partition", "p1", "-label", "c1", "-file", c1.toString(), "-hash", fp.toUpperCase());
    assertTrue(h.out.contains(fp), h::both);
    fails(ExitCode.ALREADY_EXISTS, h, "client", "register", "-partition", "p1", "-label", "other", "-file", c1.toString());
    ok(h, "client", "register", "-partition", "p1", "-label", "c2", "-file", clientFile("c2").toString());
    fails(ExitCode.STORE_FULL, h, "client", "register", "-partition", "p1", "-label", "c3", "-file", clientFile("c3").toString());
    assertTrue(h.err.contains("needs 2392 bytes, 216 bytes are free"), h::both);
    ok(h, "client", "list", "-partition", "p1", "-json");
    JsonArray list = JsonParser.parseString(h.out).getAsJsonArray();
    assertEquals(2, list.size());
    assertEquals(fp, list.get(0).getAsJsonObject().get("fingerprint").getAsString());
    ok(h, "client", "list", "-partition", "p1");
    assertTrue(h.out.contains("2 client(s) registered on partition p1."), h::both);
    ok(h, "client", "deregister", "-partition", "p1", "-label", "c2");
    fails(ExitCode.NOT_FOUND, h, "client", "deregister", "-partition", "p1", "-label", "c2");
    fails(ExitCode.NOT_FOUND, h, "client", "list", "-partition", "nope");
    Path garbage = files.resolve("garbage.stcid");
    Files.writeString(garbage, "not an identity");
    fails(ExitCode.INVALID_FILE, h, "client", "register", "-partition", "p1", "-label", "g", "-file", garbage.toString());
    ok(h, "partition", "show", "-partition", "p1", "-json");
    assertEquals(1, JsonParser.parseString(h.out).getAsJsonObject().get("clientsRegistered").getAsInt());
    assertFalse(h.out.isEmpty());
  }

  @Test
  void clientRegisterRefusesAnotherKeyTypeAndStoresNothing() throws Exception {
    StcShHarness h = sh();
    ok(h, "partition", "create", "-partition", "p1", "-size", "5000");
    fails(ExitCode.KEY_TYPE_MISMATCH, h, "client", "register", "-partition", "p1", "-label", "c1",
        "-file", clientFile("c1", KeyType.P256).toString());
    assertTrue(h.err.contains("p256") && h.err.contains("x25519"), h::both);
    ok(h, "partition", "show", "-partition", "p1", "-json");
    JsonObject p1 = JsonParser.parseString(h.out).getAsJsonObject();
    assertEquals(0, p1.get("clientsRegistered").getAsInt());
    assertEquals(0, p1.get("usedBytes").getAsLong(), h::both);
  }
}
