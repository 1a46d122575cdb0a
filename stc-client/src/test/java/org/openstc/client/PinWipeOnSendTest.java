package org.openstc.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openstc.command.CkResult;
import org.openstc.command.CommandRequest;
import org.openstc.command.CommandResponse;
import org.openstc.command.Requests;
import org.openstc.command.Role;
import org.openstc.crypto.CryptoProviders;
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

/**
 * The client's send path clears a PIN-bearing request once it is on the wire: the host still gets
 * the PIN (the init and the login succeed) and the request's body is zero afterwards.
 */
class PinWipeOnSendTest {
  private static final byte[] PIN = "so-pin-0001".getBytes(StandardCharsets.US_ASCII);

  @TempDir Path dir;
  private HostStore store;
  private PartitionHost host;

  @BeforeEach
  void start() throws Exception {
    store = HostStore.create(dir.resolve("host"), "test",
        "test-so-password".toCharArray(), new PinHasher(64, 1), true);
    PartitionRecord partition = store.partitions().create("par1", 1 << 20, KeyType.X25519);
    host = PartitionHost.start(store, ServerConfig.defaults("127.0.0.1", 0), CryptoProviders.jca());
    Path home = dir.resolve("client");
    TokenHome.of(home).init("token", null);
    try (Token t = Token.open(home)) {
      ClientIdentity id = t.createIdentity("client", KeyType.X25519, null);
      store.registrations().register(partition.serial(), "client", id.identity());
      t.registerPartition(Partitions.identityFile(partition), "par1", null);
    }
    try (StcClient c = StcClient.open(home, null)) {
      c.enableServer(c.config().addServer("127.0.0.1", host.port(), null).id());
    }
  }

  @AfterEach
  void stop() {
    host.close();
    store.close();
  }

  @Test
  void pinRequestsAreZeroAfterSendingAndOthersAreNot() throws Exception {
    try (StcClient c = StcClient.open(dir.resolve("client"), null); Slot slot = c.openSlot(0)) {
      PartitionConnection pc = slot.connection();
      CommandRequest init = Requests.partitionInit(pc.nextId(), "label", PIN);
      assertEquals(CkResult.CKR_OK, send(pc, init).result());
      assertArrayEquals(new byte[init.body().length], init.body(), "PARTITION_INIT body wiped");

      CommandRequest login = Requests.login(pc.nextId(), Role.PO, PIN);
      assertEquals(CkResult.CKR_OK, send(pc, login).result(), "the host got the real PIN");
      assertArrayEquals(new byte[login.body().length], login.body(), "LOGIN body wiped");

      byte[] data = {1, 2, 3};
      CommandRequest echo = Requests.echo(pc.nextId(), data);
      assertEquals(CkResult.CKR_OK, send(pc, echo).result());
      assertArrayEquals(data, echo.body(), "an ECHO is left alone");
    }
  }

  private static CommandResponse send(PartitionConnection pc, CommandRequest r) throws Exception {
    return pc.submit(r).get(30, TimeUnit.SECONDS);
  }
}
