package org.openstc.cli.stccm.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openstc.command.ClientBodies;
import org.openstc.partition.store.PartitionRecord;
import org.openstc.partition.store.Partitions;
import org.openstc.stc.KeyType;
import org.openstc.stc.PeerIdentity;
import org.openstc.token.Token;

/**
 * stc identitydelete through the stccm entry point against a real host: the client's registration
 * is removed from each partition it reaches before the identity is deleted; an unreachable
 * partition stops it unless -force, which says which registrations remain.
 */
class IdentityDeleteTest {
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

  private List<String> clientsOn(long serial) throws Exception {
    return host.store.registrations().list(serial).stream().map(ClientBodies.Entry::label).toList();
  }

  @Test
  void deregistersFromEveryReachablePartitionThenDeletesLocally() throws Exception {
    PartitionRecord par2 = host.store.partitions().create("par2", 1 << 20, KeyType.X25519);
    Cm cm = host.newClient("client1");
    host.bootstrap(cm, "client1");
    host.store.registrations().register(par2.serial(), "client1-on-2", tokenIdentity(cm));
    assertEquals(0, cm.run("stc", "partitionregister", "-file",
        Partitions.identityFile(par2).writeTo(dir.resolve("p2")).toString()), cm.both());
    host.connect(cm);
    assertEquals(List.of("client1"), clientsOn(host.serial()));

    assertEquals(0, cm.runWith("proceed\n", "stc", "identitydelete"), cm.both());
    assertTrue(cm.out.contains("Client identity client1 deregistered from partition " + host.serial())
        && cm.out.contains("deregistered from partition " + par2.serial()), cm.both());
    assertTrue(cm.out.contains("Successfully deleted client identity client1."), cm.both());
    assertEquals(List.of(), clientsOn(host.serial()));
    assertEquals(List.of(), clientsOn(par2.serial()));
    assertEquals(0, host.store.partitions().get("par2").usedBytes(), "the 2392 bytes are freed");
    assertEquals(4, cm.run("stc", "identityshow"), cm.both());
  }

  @Test
  void anUnreachablePartitionStopsItUnlessForced() throws Exception {
    Cm cm = host.initializedClient("client1");
    host.host.close();

    assertEquals(22, cm.runWith("proceed\n", "stc", "identitydelete"), cm.both());
    assertTrue(cm.err.contains("client identity client1 was not deleted")
        && cm.err.contains("partition " + host.serial()) && cm.err.contains("-force"), cm.both());
    assertEquals(0, cm.run("stc", "identityshow"), cm.both());

    assertEquals(0, cm.run("stc", "identitydelete", "-force"), cm.both());
    assertTrue(cm.out.contains("Could not deregister client identity client1 from partition "
        + host.serial()), cm.both());
    assertTrue(cm.out.contains("The registration of client identity client1 remains on partition "
        + host.serial()), cm.both());
    assertTrue(cm.out.contains("Successfully deleted client identity client1."), cm.both());
    assertEquals(List.of("client1"), clientsOn(host.serial()));
    assertEquals(4, cm.run("stc", "identityshow"), cm.both());
  }

  private static PeerIdentity tokenIdentity(Cm cm) throws Exception {
    try (Token t = Token.open(cm.home())) {
      return t.clientIdentity().orElseThrow().identity();
    }
  }
}
