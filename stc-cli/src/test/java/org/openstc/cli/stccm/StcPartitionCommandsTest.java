package org.openstc.cli.stccm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openstc.crypto.CryptoProviders;
import org.openstc.identity.IdentityFile;
import org.openstc.stc.InMemoryStaticKey;
import org.openstc.stc.KeyType;

/** stc partitionregister / partitionderegister / partitionlist and every refusal. */
class StcPartitionCommandsTest {
  @TempDir Path dir;
  Path home;
  StcCmHarness cm;

  @BeforeEach
  void setUp() {
    home = dir.resolve("home");
    cm = new StcCmHarness(home);
    assertEquals(0, cm.run("stc", "tokeninit", "-label", "tok"), cm.both());
    assertEquals(0, cm.run("stc", "identitycreate", "-label", "client2"), cm.both());
  }

  private Path pid(long serial, KeyType type) throws Exception {
    IdentityFile f = IdentityFile.partition(serial, "app_par1",
        InMemoryStaticKey.generate(type, CryptoProviders.jca()).identity());
    return f.writeTo(dir.resolve("received-" + serial + "-" + System.nanoTime()));
  }

  private int partitions() {
    assertEquals(0, cm.run("stc", "partitionlist", "-json"), cm.both());
    return JsonParser.parseString(cm.out).getAsJsonObject().getAsJsonArray("partitions").size();
  }

  @Test
  void registerShowListDeregister() throws Exception {
    Path file = pid(154438865304L, KeyType.X25519);
    String hash = IdentityFile.read(file).fingerprint();
    assertEquals(0, cm.run("stc", "partitionregister", "-file", file.toString(), "-hash",
        hash.toUpperCase()), cm.both());
    assertTrue(cm.out.contains("Partition identity 154438865304 successfully registered."), cm.both());
    assertTrue(Files.exists(home.resolve("partition_identities/154438865304.pid")));
    assertEquals(0, cm.run("stc", "identityshow"), cm.both());
    assertTrue(cm.out.contains("154438865304") && cm.out.contains("app_par1")
        && cm.out.contains(hash), cm.both());
    assertEquals(0, cm.run("stc", "partitionlist", "-json"), cm.both());
    JsonArray list = JsonParser.parseString(cm.out).getAsJsonObject().getAsJsonArray("partitions");
    assertEquals(hash, list.get(0).getAsJsonObject().get("fingerprint").getAsString());
    assertEquals("154438865304", list.get(0).getAsJsonObject().get("serial").getAsString());
    assertEquals(0, cm.run("stc", "partitionregister", "-file", file.toString(), "-label", "renamed"));
    assertEquals(0, cm.run("stc", "partitionlist"), cm.both());
    assertTrue(cm.out.contains("renamed"), cm.both());
    assertEquals(0, cm.run("stc", "partitionderegister", "-serial", "154438865304"), cm.both());
    assertTrue(cm.out.contains("Partition identity 154438865304 successfully deregistered."));
    assertEquals(6, cm.run("stc", "partitionderegister", "-serial", "154438865304"), cm.both());
    assertEquals(2, cm.run("stc", "partitionderegister", "-serial", "abc"), cm.both());
    assertEquals(0, partitions());
  }

  @Test
  void refusesHashMismatchChangingNothing() throws Exception {
    Path file = pid(1001, KeyType.X25519);
    assertEquals(8, cm.run("stc", "partitionregister", "-file", file.toString(), "-hash", "ab".repeat(32)),
        cm.both());
    assertTrue(cm.out.contains("Command Result : 8 (Hash mismatch)"), cm.both());
    assertEquals(0, partitions());
    assertFalse(Files.exists(home.resolve("partition_identities/1001.pid")));
  }

  @Test
  void refusesKeyTypeMismatch() throws Exception {
    assertEquals(9, cm.run("stc", "partitionregister", "-file", pid(1002, KeyType.P521).toString()),
        cm.both());
    assertTrue(cm.err.contains("p521") && cm.err.contains("x25519"), cm.both());
    assertEquals(0, partitions());
  }

  @Test
  void refusesASerialRegisteredWithAnotherKey() throws Exception {
    assertEquals(0, cm.run("stc", "partitionregister", "-file", pid(1003, KeyType.X25519).toString()));
    String before = Files.readString(home.resolve("partition_identities/1003.pid"));
    assertEquals(10, cm.run("stc", "partitionregister", "-file", pid(1003, KeyType.X25519).toString()),
        cm.both());
    assertEquals(1, partitions());
    assertEquals(before, Files.readString(home.resolve("partition_identities/1003.pid")));
  }

  @Test
  void refusesBadFiles() throws Exception {
    Path garbage = dir.resolve("garbage.pid");
    Files.writeString(garbage, "not an identity\n");
    assertEquals(7, cm.run("stc", "partitionregister", "-file", garbage.toString()), cm.both());
    assertTrue(cm.err.contains("not an identity file"), cm.both());
    Path truncated = dir.resolve("truncated.pid");
    String good = Files.readString(pid(1004, KeyType.X25519));
    Files.writeString(truncated, good.substring(0, good.length() - 60));
    assertEquals(7, cm.run("stc", "partitionregister", "-file", truncated.toString()), cm.both());
    Path client = home.resolve("client_identities/client2.stcid");
    assertEquals(7, cm.run("stc", "partitionregister", "-file", client.toString()), cm.both());
    assertTrue(cm.err.contains("not a partition identity"), cm.both());
    assertEquals(16, cm.run("stc", "partitionregister", "-file", dir.resolve("missing.pid").toString()),
        cm.both());
    assertEquals(2, cm.run("stc", "partitionregister"), cm.both());
    assertEquals(0, partitions());
  }

  @Test
  void identityDeleteDeregistersPartitionsFirst() throws Exception {
    cm.run("stc", "partitionregister", "-file", pid(2001, KeyType.X25519).toString());
    cm.run("stc", "partitionregister", "-file", pid(2002, KeyType.X25519).toString());
    assertEquals(0, cm.run("stc", "identitydelete", "-force"), cm.both());
    assertTrue(cm.out.contains("Deregistered partition identity 2001.")
        && cm.out.contains("Deregistered partition identity 2002."), cm.both());
    assertTrue(cm.out.indexOf("2002.") < cm.out.indexOf("Successfully deleted client identity client2."));
    assertEquals(0, partitions());
    assertEquals(4, cm.run("stc", "partitionregister", "-file", pid(2003, KeyType.X25519).toString()),
        cm.both());
  }
}
