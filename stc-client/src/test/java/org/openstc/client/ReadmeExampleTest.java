package org.openstc.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openstc.command.ObjectBodies.ObjectType;
import org.openstc.command.Role;
import org.openstc.crypto.CryptoProviders;
import org.openstc.identity.IdentityFile;
import org.openstc.partition.host.PartitionHost;
import org.openstc.partition.server.ServerConfig;
import org.openstc.partition.store.HostStore;
import org.openstc.partition.store.PartitionRecord;
import org.openstc.partition.store.Partitions;
import org.openstc.partition.store.PinHasher;
import org.openstc.stc.KeyType;
import org.openstc.token.ClientIdentity;
import org.openstc.token.Token;
import org.openstc.token.TokenHome;

/** The README's Java example, run as written against a real partition host. */
class ReadmeExampleTest {
  @TempDir Path dir;

  @Test
  void readmeExampleRuns() throws Exception {
    try (HostStore store = HostStore.create(dir.resolve("host"), "test",
        "test-so-password".toCharArray(), new PinHasher(64, 1), true)) {
      PartitionRecord partition = store.partitions().create("par1", 1 << 20, KeyType.X25519);
      try (PartitionHost host = PartitionHost.start(store, ServerConfig.defaults("127.0.0.1", 0),
          CryptoProviders.jca())) {
        Path home = dir.resolve("client");
        char[] coPin = "co-pin-1234".toCharArray();
        long signingKey = setUp(store, partition, host, home, coPin);
        byte[] message = "for the README".getBytes(StandardCharsets.UTF_8);
        byte[] opened;
        byte[] signature;
        // ---- README ----
        try (StcClient client = StcClient.open(home, null);
             Slot slot = client.openSlot(0)) {
          slot.login(Role.CO, coPin);
          long key = slot.findObject("shared-key").orElseThrow().handle();
          byte[] sealed = slot.encrypt(key, message, new byte[0]);
          opened = slot.decrypt(key, sealed, new byte[0]);
          signature = slot.sign(signingKey, message);
        }
        // ---- end ----
        assertArrayEquals(message, opened);
        assertTrue(signature.length > 0);
      }
    }
  }

  @Test
  void readmeShowsTheseLines() throws Exception {
    Path root = Path.of(System.getProperty("stc.repo.root", ".."));
    String readme = Files.readString(root.resolve("README.md"));
    Matcher m = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL).matcher(readme);
    assertTrue(m.find(), "README has a java example");
    String source = Files.readString(root.resolve(
        "stc-client/src/test/java/org/openstc/client/ReadmeExampleTest.java"));
    String test = source.substring(source.indexOf("// ---- README ----"),
        source.indexOf("// ---- end ----"));
    for (String line : m.group(1).split("\\n")) {
      String code = line.strip()
          .replace("byte[] opened =", "opened =").replace("byte[] signature =", "signature =");
      assertTrue(test.contains(code), "README line not run by this test: " + line);
    }
  }

  /** Token, identity, registration, slot, partition init, CO PIN and the two keys. */
  private static long setUp(HostStore store, PartitionRecord partition, PartitionHost host,
      Path home, char[] coPin) throws Exception {
    TokenHome.of(home).init("readme", null);
    IdentityFile pid = Partitions.identityFile(partition);
    try (Token t = Token.open(home)) {
      ClientIdentity id = t.createIdentity("client", KeyType.X25519, null);
      store.registrations().register(partition.serial(), "client", id.identity());
      t.registerPartition(pid, "par1", pid.fingerprint());
    }
    try (StcClient c = StcClient.open(home, null)) {
      c.enableServer(c.config().addServer("127.0.0.1", host.port(), null).id());
      try (Slot slot = c.openSlot(0)) {
        char[] so = "so-pin-1234".toCharArray();
        slot.initialize("readme", so);
        slot.login(Role.PO, so);
        slot.initPin(Role.CO, coPin);
        slot.logout();
        slot.login(Role.CO, coPin);
        slot.generate(ObjectType.AES256, "shared-key");
        return slot.generate(ObjectType.ED25519, "signing-key");
      }
    }
  }
}
