package org.openstc.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openstc.client.StcClientException.Kind;
import org.openstc.crypto.CryptoProviders;
import org.openstc.identity.IdentityFile;
import org.openstc.partition.host.PartitionHost;
import org.openstc.partition.server.ServerConfig;
import org.openstc.partition.store.HostStore;
import org.openstc.partition.store.PartitionRecord;
import org.openstc.partition.store.Partitions;
import org.openstc.stc.KeyType;
import org.openstc.stc.PeerIdentity;
import org.openstc.stc.StcError;
import org.openstc.token.Token;

/**
 * The client library against an in-process host, without a CLI: which registered partitions get
 * slots, a channel that fails and is opened again, and how each failure is reported.
 */
class ClientLinkTest {
  @TempDir Path dir;
  private HostStore store;
  private PartitionHost host;
  private PartitionRecord partition;
  private Path home;
  private PeerIdentity clientIdentity;

  @BeforeEach
  void start() throws Exception {
    store = LinkSetup.store(dir);
    partition = store.partitions().create("par1", 1 << 20, KeyType.X25519);
    host = PartitionHost.start(store, ServerConfig.defaults("127.0.0.1", 0), CryptoProviders.jca());
    home = dir.resolve("client");
    clientIdentity = LinkSetup.client(home, store, partition);
  }

  @AfterEach
  void stop() {
    host.close();
    store.close();
  }

  @Test
  void enablingAServerGivesSlotsOnlyToThePartitionsItHosts() throws Exception {
    PartitionRecord elsewhere = store.partitions().create("par2", 1 << 20, KeyType.X25519);
    try (Token t = Token.open(home)) {
      // Registered in the token under a serial this host does not have.
      t.registerPartition(IdentityFile.partition(424242, "ghost",
          Partitions.identityFile(elsewhere).identity()), "ghost", null);
    }
    try (StcClient c = StcClient.open(home, null)) {
      int id = c.config().addServer("127.0.0.1", host.port(), "host1").id();
      Map<Long, String> found = c.enableServer(id);
      assertEquals("slot 0 (link up)", found.get(partition.serial()));
      assertEquals("not on this server", found.get(424242L));
      assertEquals(1, c.config().slots().size());
      try (Slot slot = c.openPartition(partition.serial())) {
        assertEquals(0, slot.number());
        assertArrayEquals(new byte[] {9}, slot.echo(new byte[] {9}));
      }
      assertEquals(Kind.CONFIG, assertThrows(StcClientException.class,
          () -> c.openPartition(424242)).kind());
      c.disableServer(id);
      assertEquals(Kind.CONFIG, assertThrows(StcClientException.class, () -> c.openSlot(0)).kind());
    }
  }

  @Test
  void aDroppedChannelIsTransientAndOpeningTheSlotAgainWorks() throws Exception {
    try (StcClient c = StcClient.open(home, null)) {
      c.enableServer(c.config().addServer("127.0.0.1", host.port(), null).id());
      Slot first = c.openSlot(0);
      assertEquals(3, first.echo(new byte[] {1, 2, 3}).length);
      assertEquals(1, host.server().disconnect(partition.serial(), clientIdentity::equals,
          StcError.CKR_STC_SHUTTING_DOWN, "test drops the link"));
      StcClientException e = assertThrows(StcClientException.class,
          () -> first.echo(new byte[] {4}));
      assertTrue(e.isTransient(), e.kind() + ": " + e.getMessage());
      first.close();
      try (Slot again = c.openSlot(0)) {
        assertArrayEquals(new byte[] {5}, again.echo(new byte[] {5}));
      }
    }
  }

  @Test
  void failuresSayWhatHappened() throws Exception {
    try (StcClient c = StcClient.open(home, null)) {
      c.enableServer(c.config().addServer("127.0.0.1", host.port(), null).id());
      store.registrations().deregister(partition.serial(), "client1");
      StcClientException gone = assertThrows(StcClientException.class, () -> c.openSlot(0));
      assertEquals(Kind.NOT_REGISTERED, gone.kind(), gone.getMessage());
      assertTrue(gone.advice().contains("stcconfig clientregister"), gone.getMessage());
      store.registrations().register(partition.serial(), "client1", clientIdentity);
      try (Slot slot = c.openSlot(0)) {
        StcClientException command = assertThrows(StcClientException.class,
            () -> slot.deregisterClient("nobody"));
        assertEquals(Kind.COMMAND, command.kind());
        assertTrue(command.getMessage().contains("CKR_"), command.getMessage());
      }
    }
  }

  @Test
  void aSilentServerTimesOutAndAClosedPortIsServerDown() throws Exception {
    try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        StcClient c = StcClient.open(home, null)) {
      c.timeout(Duration.ofMillis(300));
      int id = c.config().addServer("127.0.0.1", silent.getLocalPort(), null).id();
      String outcome = c.enableServer(id).get(partition.serial());
      assertTrue(outcome.startsWith("slot 0 (link down") && outcome.contains("in time"), outcome);
      assertEquals(Kind.TIMEOUT, assertThrows(StcClientException.class, () -> c.openSlot(0)).kind());
      int closedPort = silent.getLocalPort();
      silent.close();
      c.config().deleteServer(id);
      int down = c.config().addServer("127.0.0.1", closedPort, null).id();
      assertEquals(Kind.SERVER_DOWN, assertThrows(StcClientException.class,
          () -> c.enableServer(down)).kind());
    }
  }
}
