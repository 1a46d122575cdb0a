package org.openstc.cli.stccm.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openstc.identity.IdentityFile;

/**
 * Seed 003 (connecting an initialized STC partition to multiple clients) typed into two stccm:>
 * shells with their own STC_HOME, against one partition host in this JVM: Client2 decrypts what
 * Client1 encrypted under the key Client1 created.
 */
class SeedFlowShellTest {
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
  void twoClientsShareAKeyThroughTheShell() throws Exception {
    Path exchange = Files.createDirectories(dir.resolve("exchange"));
    String c2file = exchange.resolve("client2.stcid").toString();
    Cm c1 = new Cm(dir.resolve("client1"));
    Cm c2 = new Cm(dir.resolve("client2"));

    // Both administrators prepare their client (tokeninit, identitycreate); Client2 exports its id.
    assertEquals(0, c1.shell("stc tokenlist", "stc tokeninit -label tok1", "stc identitycreate -label client1"),
        c1.both());
    assertEquals(0, c2.shell("stc tokeninit -label tok2", "stc identitycreate -label client2",
        "stc identityexport -file " + c2file, "stc identityshow"), c2.both());
    assertFalse(c2.err.contains("Error"), c2.both());
    String c2hash = IdentityFile.read(Path.of(c2file)).fingerprint();
    assertTrue(c2.out.contains(c2hash), c2.both());

    // The host administrator bootstraps Client1 (stcsh client register); Client1 connects.
    host.bootstrap(c1, "client1");
    String pid = host.pid().toString();
    assertEquals(0, c1.shell(
        "stc partitionregister -file " + pid,
        "clientconfig addserver -n 127.0.0.1:" + host.host.port() + " -label hsm1",
        "clientconfig listservers",
        "stc enable -id 0",
        "slot list",
        "slot set -slot 0",
        "partition init -label shared -password " + LinkFixture.SO_PIN,
        "role login -name po -password " + LinkFixture.SO_PIN,
        "stcconfig clientregister -label client2 -file " + c2file + " -hash " + c2hash,
        "stcconfig clientlist",
        "stcconfig partitionidexport -file " + exchange,
        "role initpin -name co -newpin " + LinkFixture.CO_PIN,
        "role logout",
        "role login -name co -password " + LinkFixture.CO_PIN,
        "key generate -keytype aes256 -label shared-key",
        "key encrypt -handle 1 -text \"Client1 to Client2\" -out " + exchange.resolve("msg.bin"),
        "stc status"), c1.both());
    assertTrue(c1.out.contains("stccm:> stcconfig clientlist"), c1.both());
    assertTrue(c1.out.contains("client2") && c1.out.contains(c2hash), c1.both());
    assertTrue(c1.out.contains("Generated aes256 key shared-key in slot 0: handle 1."), c1.both());
    assertFalse(c1.out.contains("Command Result : 2") || c1.err.contains("Error"), c1.both());
    String partitionHash = hash(c1.out, "exported to .*\\RPublic Key Hash \\(SHA-256\\): ([0-9a-f]{64})");

    // Client2 registers the partition identity checking its hash, enables STC and uses the key.
    assertEquals(0, c2.shell(
        "stc partitionregister -file " + exchange.resolve(host.serial() + ".pid") + " -hash "
            + partitionHash,
        "stc identityshow",
        "clientconfig addserver -n 127.0.0.1:" + host.host.port(),
        "clientconfig listservers",
        "stc enable -id 0",
        "slot set -slot 0",
        "stc status",
        "role login -name co -password " + LinkFixture.CO_PIN,
        "partition contents",
        "key decrypt -handle 1 -in " + exchange.resolve("msg.bin")), c2.both());
    assertFalse(c2.err.contains("Error"), c2.both());
    assertTrue(c2.out.contains("slot 0 (link up)"), c2.both());
    assertTrue(c2.out.contains("shared-key"), c2.both());
    assertTrue(c2.out.contains("Plaintext (text): Client1 to Client2"), c2.both());
  }

  private static String hash(String out, String regex) {
    Matcher m = Pattern.compile(regex).matcher(out);
    assertTrue(m.find(), out);
    return m.group(1);
  }
}
