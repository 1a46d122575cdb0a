package org.openstc.partition.host;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.Socket;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openstc.command.CkResult;
import org.openstc.command.CommandResponse;
import org.openstc.command.PartitionInfo;
import org.openstc.command.Requests;
import org.openstc.crypto.CryptoProviders;
import org.openstc.partition.server.ServerConfig;
import org.openstc.partition.store.HostStore;
import org.openstc.partition.store.Partitions;
import org.openstc.partition.store.PinHasher;
import org.openstc.stc.ClientHandshake;
import org.openstc.stc.InMemoryStaticKey;
import org.openstc.stc.KeyType;
import org.openstc.stc.PeerIdentity;
import org.openstc.stc.StcError;
import org.openstc.stc.StcException;
import org.openstc.stc.io.StcConnection;
import org.openstc.stc.io.Transport;

/** The host store behind the STC server: commands over real channels, and live effects. */
class PartitionHostTest {
  @TempDir Path home;
  private HostStore store;
  private PartitionHost host;
  private long serial;
  private PeerIdentity partitionId;
  private InMemoryStaticKey client;

  @BeforeEach
  void start() throws Exception {
    store = HostStore.open(home, new PinHasher(64, 1));
    var record = store.partitions().create("par1", 1 << 20, KeyType.X25519);
    serial = record.serial();
    partitionId = Partitions.identity(record);
    client = InMemoryStaticKey.generate(KeyType.X25519, CryptoProviders.jca());
    store.registrations().register(serial, "client1", client.identity());
    host = PartitionHost.start(store, ServerConfig.defaults("127.0.0.1", 0),
        CryptoProviders.jca());
  }

  @AfterEach
  void stop() {
    host.close();
    store.close();
  }

  private StcConnection connect() throws Exception {
    Socket s = new Socket("127.0.0.1", host.port());
    s.setSoTimeout(10_000);
    return StcConnection.connect(Transport.of(s),
        new ClientHandshake(CryptoProviders.jca(), client, serial, partitionId));
  }

  @Test
  void commandsRunInsideTheChannel() throws Exception {
    try (StcConnection conn = connect()) {
      CommandResponse echo = CommandResponse.decode(
          conn.call(Requests.echo(1, new byte[] {9, 8}).encode()));
      assertEquals(CkResult.CKR_OK, echo.result());
      assertArrayEquals(new byte[] {9, 8}, echo.body());
      CommandResponse info = CommandResponse.decode(
          conn.call(Requests.partitionInfo(2).encode()));
      assertEquals(serial, PartitionInfo.decode(info.body()).serial());
    }
  }

  @Test
  void deregistrationClosesTheOpenChannel() throws Exception {
    try (StcConnection conn = connect()) {
      conn.call(Requests.echo(1, new byte[0]).encode());
      store.registrations().deregister(serial, "client1");
      StcException e = assertThrows(StcException.class, conn::receive);
      assertEquals(StcError.CKR_STC_CLIENT_HANDLE_INVALID, e.error());
    }
    StcException e = assertThrows(StcException.class, this::connect);
    assertEquals(StcError.CKR_STC_CLIENT_HANDLE_INVALID, e.error());
  }

  @Test
  void deletedPartitionIsUnknown() throws Exception {
    store.partitions().delete("par1");
    StcException e = assertThrows(StcException.class, this::connect);
    assertEquals(StcError.CKR_STC_CONTAINER_INVALID, e.error());
    assertTrue(host.server().activeChannels() == 0);
  }
}
